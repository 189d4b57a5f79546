#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "webex/settings_parser.h"

namespace webex {

// What POST {base}/access_token granted. `refresh_token` is empty when
// the answer carried none (the old one stays valid).
struct AccessTokenGrant {
  std::string access_token;
  int64_t expires_in = 0;  // seconds, > 0
  std::string refresh_token;
};

// The form body of the refresh grant, every value percent-encoded.
std::string RefreshGrantForm(std::string_view client_id,
                             std::string_view client_secret,
                             std::string_view refresh_token);

// Reads a 2xx answer of the token endpoint:
// {"access_token","expires_in","refresh_token","refresh_token_expires_in",
// "token_type"}, in any order, unknown keys skipped. kInvalidJson for text
// that is not one JSON object; kInvalidPayload for a missing or unusable
// access_token or expires_in (not a whole number of seconds from 1 to ten
// years), or a refresh_token that is not a string. The detail never quotes
// a token. Pure; safe from any thread.
std::variant<AccessTokenGrant, ParseError> ParseAccessTokenGrant(
    std::string_view body);

// The human part of an error answer: "error: error_description" from an
// OAuth error body, else what ApiErrorMessage finds; at most 200 bytes.
std::string GrantErrorMessage(std::string_view body);

}  // namespace webex
