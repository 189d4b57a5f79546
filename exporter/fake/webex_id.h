// Identifiers shaped like the ones the Webex API hands out.
#ifndef EXPORTER_FAKE_WEBEX_ID_H_
#define EXPORTER_FAKE_WEBEX_ID_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace webex::fake {

// Standard base64 (RFC 4648 alphabet) without '=' padding, as Webex ids use.
std::string Base64Unpadded(std::string_view bytes);

// A version 4 UUID in lower-case 8-4-4-4-12 form, drawn from `engine`.
// Only the engine's raw output is used, so the same seed gives the same
// UUID on every platform.
std::string RandomUuid(std::mt19937_64& engine);

// The id Webex uses for a resource: base64 of
// "ciscospark://us/<kind>/<uuid>", e.g. kind "LOCATION" or "ORGANIZATION".
std::string WebexId(std::string_view kind, std::string_view uuid);

// Spreads `x` over all 64 bits (SplitMix64's finaliser), so that ids made
// from a counter look random.
uint64_t Scramble(uint64_t x);

// A seed from the operating system, for ids that must differ between runs.
uint64_t RandomSalt();

// A TrackingID in the style of Webex's, unique per (salt, sequence).
std::string TrackingId(uint64_t salt, uint64_t sequence);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_WEBEX_ID_H_
