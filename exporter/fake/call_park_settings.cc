#include "exporter/fake/call_park_settings.h"

#include <string_view>

namespace webex::fake {

const std::array<CallParkField, 6> kCallParkFields = {{
    {"callParkRecall", "huntGroupId", &CallParkSettings::hunt_group_id_json},
    {"callParkRecall", "huntGroupName",
     &CallParkSettings::hunt_group_name_json},
    {"callParkRecall", "option", &CallParkSettings::option_json},
    {"callParkSettings", "ringPattern", &CallParkSettings::ring_pattern_json},
    {"callParkSettings", "recallTime", &CallParkSettings::recall_time_json},
    {"callParkSettings", "huntWaitTime",
     &CallParkSettings::hunt_wait_time_json},
}};

namespace {

// Writes `group` as an object of its fields that are present.
void WriteGroup(const CallParkSettings& settings, std::string_view group,
                JsonWriter& writer) {
  bool opened = false;
  for (const CallParkField& field : kCallParkFields) {
    const std::optional<std::string>& raw = settings.*field.member;
    if (field.group != group || !raw) continue;

    if (!opened) writer.Key(group).BeginObject();
    opened = true;
    writer.Key(field.key).Raw(*raw);
  }
  if (opened) writer.EndObject();
}

}  // namespace

CallParkSettings MakeCallParkSettings(std::string_view option,
                                      std::string_view ring_pattern,
                                      int recall_time, int hunt_wait_time,
                                      std::string_view hunt_group_id,
                                      std::string_view hunt_group_name) {
  CallParkSettings settings;
  settings.option_json = JsonQuote(option);
  settings.ring_pattern_json = JsonQuote(ring_pattern);
  settings.recall_time_json = std::to_string(recall_time);
  settings.hunt_wait_time_json = std::to_string(hunt_wait_time);
  if (!hunt_group_id.empty()) {
    settings.hunt_group_id_json = JsonQuote(hunt_group_id);
    settings.hunt_group_name_json = JsonQuote(hunt_group_name);
  }
  return settings;
}

void WriteCallParkSettings(const CallParkSettings& settings,
                           JsonWriter& writer) {
  writer.BeginObject();
  WriteGroup(settings, "callParkRecall", writer);
  WriteGroup(settings, "callParkSettings", writer);
  writer.EndObject();
}

}  // namespace webex::fake
