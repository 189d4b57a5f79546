#pragma once

#include <string_view>
#include <vector>

#include "webex/call_park_settings.h"

namespace webex {

// The settings (by their metric label: recall_time, hunt_wait_time,
// option, ring_pattern) whose values lie outside the documented sets and
// ranges. Such values are still exported; each one found counts as a
// validation warning.
std::vector<std::string_view> UndocumentedSettings(const CallParkSettings& s);

}  // namespace webex
