#include "webex/access_token_grant.h"

#include <simdjson.h>

#include "config/secret_file.h"
#include "webex/call_park_client.h"

namespace webex {
namespace {

namespace dom = simdjson::dom;

// Ten years: longer is no real expiry, and would overflow time arithmetic.
constexpr int64_t kMaxExpiresIn = 315360000;

ParseError Payload(std::string detail) {
  return {ErrorReason::kInvalidPayload, std::move(detail)};
}

ParseError NotJson() {
  return {ErrorReason::kInvalidJson, "not a JSON object"};
}

// Reads one field into `grant`; unknown fields are left for the caller's
// loop to skip.
std::optional<ParseError> ReadField(std::string_view key, dom::element value,
                                    AccessTokenGrant& grant) {
  std::string_view text;
  if (key == "access_token") {
    if (value.get_string().get(text) || !IsTokenText(text)) {
      return Payload("access_token: not a usable token");
    }
    grant.access_token.assign(text);
  } else if (key == "expires_in") {
    int64_t seconds = 0;
    if (value.get_int64().get(seconds) || seconds < 1 ||
        seconds > kMaxExpiresIn) {
      return Payload("expires_in: not a whole number of seconds in range");
    }
    grant.expires_in = seconds;
  } else if (key == "refresh_token") {
    if (value.get_string().get(text) || (!text.empty() && !IsTokenText(text))) {
      return Payload("refresh_token: not a usable token");
    }
    grant.refresh_token.assign(text);
  }
  return std::nullopt;
}

}  // namespace

std::string RefreshGrantForm(std::string_view client_id,
                             std::string_view client_secret,
                             std::string_view refresh_token) {
  return "grant_type=refresh_token&client_id=" + UrlEncode(client_id) +
         "&client_secret=" + UrlEncode(client_secret) +
         "&refresh_token=" + UrlEncode(refresh_token);
}

std::variant<AccessTokenGrant, ParseError> ParseAccessTokenGrant(
    std::string_view body) {
  // The answer is small: the DOM parser checks all of it, trailing text
  // included.
  dom::parser parser;
  dom::element root;
  if (parser.parse(body.data(), body.size()).get(root)) return NotJson();
  dom::object object;
  if (root.get_object().get(object)) return Payload("body: not an object");

  AccessTokenGrant grant;
  for (dom::key_value_pair field : object) {
    if (auto error = ReadField(field.key, field.value, grant)) return *error;
  }
  if (grant.access_token.empty()) return Payload("access_token: missing");
  if (grant.expires_in == 0) return Payload("expires_in: missing");
  return grant;
}

std::string GrantErrorMessage(std::string_view body) {
  dom::parser parser;
  dom::element root;
  std::string_view error;
  if (parser.parse(body.data(), body.size()).get(root) ||
      root["error"].get_string().get(error)) {
    return ApiErrorMessage(body);
  }
  std::string message(error);
  std::string_view description;
  if (!root["error_description"].get_string().get(description)) {
    message += ": " + std::string(description);
  }
  return message.substr(0, 200);
}

}  // namespace webex
