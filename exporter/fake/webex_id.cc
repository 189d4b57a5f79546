#include "exporter/fake/webex_id.h"

#include <cstdint>
#include <cstdio>

namespace webex::fake {

namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Appends the first `count` characters encoding the 24-bit `group`.
void AppendGroup(uint32_t group, int count, std::string& out) {
  for (int i = 0; i < count; ++i) {
    out += kBase64Alphabet[(group >> (18 - 6 * i)) & 0x3f];
  }
}

uint32_t Byte(std::string_view bytes, size_t index) {
  return index < bytes.size() ? static_cast<unsigned char>(bytes[index]) : 0;
}

}  // namespace

std::string Base64Unpadded(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t group =
        Byte(bytes, i) << 16 | Byte(bytes, i + 1) << 8 | Byte(bytes, i + 2);
    // n input bytes need n + 1 output characters; the rest would be padding.
    size_t remaining = bytes.size() - i;
    AppendGroup(group, remaining >= 3 ? 4 : static_cast<int>(remaining) + 1,
                out);
  }
  return out;
}

std::string RandomUuid(std::mt19937_64& engine) {
  uint64_t high = engine();
  uint64_t low = engine();

  // Version 4 in the high word, RFC 4122 variant in the low word.
  high = (high & ~uint64_t{0xf000}) | 0x4000;
  low = (low & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);

  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

uint64_t Scramble(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t RandomSalt() {
  std::random_device device;
  return uint64_t{device()} << 32 | device();
}

std::string TrackingId(uint64_t salt, uint64_t sequence) {
  char text[64];
  std::snprintf(text, sizeof text, "WEBEX_FAKE_%016llx_%llu",
                static_cast<unsigned long long>(Scramble(salt ^ sequence)),
                static_cast<unsigned long long>(sequence));
  return text;
}

std::string WebexId(std::string_view kind, std::string_view uuid) {
  std::string uri = "ciscospark://us/";
  uri += kind;
  uri += '/';
  uri += uuid;
  return Base64Unpadded(uri);
}

}  // namespace webex::fake
