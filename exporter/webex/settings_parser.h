#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <variant>

#include "webex/call_park_settings.h"
#include "webex/error_reason.h"

namespace webex {

// A body that is not a usable settings document. `reason` is kInvalidJson
// when the text is not JSON at all, kInvalidPayload when it is JSON of the
// wrong shape. `detail` is for logs and never quotes the body.
struct ParseError {
  ErrorReason reason;
  std::string detail;
};

using ParseResult = std::variant<CallParkSettings, ParseError>;

// Turns a Get Call Park Settings body into CallParkSettings with simdjson
// On-Demand. Keys may come in any order and unknown keys are skipped; the
// hunt group fields may be absent, null or empty. Unknown enum values and
// times outside 30..600 are kept: validation is not the parser's job. A
// time that is negative, fractional, a string or beyond 64 bits is an
// invalid payload. Owns its simdjson buffers: use one per thread.
class SettingsParser {
 public:
  ParseResult Parse(std::string_view body);

 private:
  simdjson::ondemand::parser parser_;
  std::string buffer_;  // the body plus simdjson's padding
};

}  // namespace webex
