// libFuzzer target: any bytes through the Call Park settings parser and
// the validation that follows it, as the poller runs them.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "webex/settings_parser.h"
#include "webex/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static webex::SettingsParser parser;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  webex::ParseResult result = parser.Parse(body);
  if (auto* settings = std::get_if<webex::CallParkSettings>(&result)) {
    webex::UndocumentedSettings(*settings);
  }
  return 0;
}
