#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace webex {

// The documented values. The API may send others; those are kept as their
// raw text and counted as validation warnings, never rejected.
inline constexpr std::array<std::string_view, 3> kKnownRecallOptions = {
    "ALERT_PARKING_USER_ONLY",
    "ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP",
    "ALERT_HUNT_GROUP_ONLY",
};

inline constexpr std::array<std::string_view, 4> kKnownRingPatterns = {
    "NORMAL",
    "LONG_LONG",
    "SHORT_SHORT_LONG",
    "SHORT_LONG_SHORT",
};

inline constexpr int64_t kMinDocumentedSeconds = 30;
inline constexpr int64_t kMaxDocumentedSeconds = 600;

bool IsKnownRecallOption(std::string_view option);
bool IsKnownRingPattern(std::string_view pattern);
bool IsDocumentedSeconds(int64_t seconds);

// One location's Call Park settings as the API reported them.
// An empty hunt group id means that no hunt group is set.
struct CallParkSettings {
  std::string option;
  std::string ring_pattern;
  int64_t recall_time = 0;
  int64_t hunt_wait_time = 0;
  std::string hunt_group_id;
  std::string hunt_group_name;

  bool operator==(const CallParkSettings&) const = default;
};

}  // namespace webex
