// Parses the JSON bodies of the fake Webex API's control requests.
#ifndef EXPORTER_FAKE_CONTROL_JSON_H_
#define EXPORTER_FAKE_CONTROL_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exporter/fake/call_park_settings.h"
#include "exporter/fake/fault_plan.h"
#include "exporter/fake/location_directory.h"

namespace webex::fake {

// A parsed value, or the reason the body was rejected (for a 400 answer).
template <typename T>
struct ParseResult {
  std::optional<T> value;
  std::string error;
};

// Changes to some settings fields: a raw JSON value to set, or nullopt to
// remove the field from the response.
using SettingsPatch =
    std::vector<std::pair<std::optional<std::string> CallParkSettings::*,
                          std::optional<std::string>>>;

void ApplySettingsPatch(const SettingsPatch& patch, CallParkSettings& settings);

// A body in the shape of the settings response. Field values are kept as
// raw JSON, whatever their type; absent fields stay absent. Unknown keys are
// rejected, so that a typo in a test fails loudly.
ParseResult<CallParkSettings> ParseSettings(std::string_view json);

// A flat object of any of option, ringPattern, recallTime, huntWaitTime,
// huntGroupId, huntGroupName; null removes the field.
ParseResult<SettingsPatch> ParseSettingsPatch(std::string_view json);

// An array of fault steps:
// [{"status":503,"headers":{"Retry-After":"2"},"body":"text","delay_ms":0,
//   "drop":false,"hang":false,"trickle_ms":0}, ...]. A non-string body is
// sent as its raw JSON.
ParseResult<std::vector<FaultStep>> ParseFaultSteps(std::string_view json);

// {"id":"...","name":"...","settings":{settings response shape}}; the name
// defaults to the id and the settings to plain documented values.
ParseResult<FakeLocation> ParseNewLocation(std::string_view json);

// {"tokens":["a","b"]}.
ParseResult<std::vector<std::string>> ParseTokenList(std::string_view json);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_CONTROL_JSON_H_
