// One location's Call Park settings as the fake Webex API serves them.
#ifndef EXPORTER_FAKE_CALL_PARK_SETTINGS_H_
#define EXPORTER_FAKE_CALL_PARK_SETTINGS_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "exporter/fake/json_writer.h"

namespace webex::fake {

// The six fields of the settings response, each kept as the raw JSON text
// of its value, or absent. Raw text rather than typed fields because tests
// feed the exporter what the real API might one day send: unknown enum
// strings, out-of-range or fractional numbers, even a number given as a
// string. An absent field is left out of the response.
struct CallParkSettings {
  std::optional<std::string> hunt_group_id_json;
  std::optional<std::string> hunt_group_name_json;
  std::optional<std::string> option_json;
  std::optional<std::string> ring_pattern_json;
  std::optional<std::string> recall_time_json;
  std::optional<std::string> hunt_wait_time_json;
};

// Where each field sits in the response: {"<group>":{"<key>":...}}.
struct CallParkField {
  const char* group;
  const char* key;
  std::optional<std::string> CallParkSettings::*member;
};

// All six fields, in the order the vendor's example response lists them.
extern const std::array<CallParkField, 6> kCallParkFields;

// Settings with documented values. An empty `hunt_group_id` means the
// location has no hunt group, so both hunt group fields are left out.
CallParkSettings MakeCallParkSettings(std::string_view option,
                                      std::string_view ring_pattern,
                                      int recall_time, int hunt_wait_time,
                                      std::string_view hunt_group_id,
                                      std::string_view hunt_group_name);

// Writes the body of a settings response:
// {"callParkRecall":{...},"callParkSettings":{...}}. An inner object whose
// fields are all absent is left out.
void WriteCallParkSettings(const CallParkSettings& settings,
                           JsonWriter& writer);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_CALL_PARK_SETTINGS_H_
