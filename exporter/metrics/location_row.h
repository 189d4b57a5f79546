#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "metrics/location_store.h"

namespace webex {

// The settings counted per setting, in the order their series are written.
inline constexpr std::array<std::string_view, 5> kChangeSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern", "hunt_group"};
inline constexpr std::array<std::string_view, 4> kValidatedSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern"};
// The settings a baseline may fix, in the order drift is written.
inline constexpr std::array<std::string_view, 5> kDriftSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern", "hunt_group_id"};

// A current value among the documented ones: its index, or, for a value
// outside them, -1 and the value escaped for a label.
struct Choice {
  int index = -1;
  std::string other;
};

// What the series of one location need, gathered from its state in one
// visit and with every label value escaped for the text format. Writing
// eleven families is then eleven passes over compact rows, not eleven
// visits to states scattered over the heap.
struct LocationRow {
  std::string identity;  // {org_id="…",location_id="…",location="…"
  bool polled = false;
  bool up = false;

  // The rest only when a poll succeeded once.
  bool has_settings = false;
  double recall_time = 0;
  double hunt_wait_time = 0;
  Choice option;
  Choice ring_pattern;
  std::string info;  // ,option="…",ring_pattern="…",hunt_group_…="…"
  double last_success = 0;
  double last_change = 0;
  std::array<uint64_t, kChangeSettings.size()> changes{};
  std::array<uint64_t, kValidatedSettings.size()> warnings{};
  uint8_t drift_checked = 0;  // bit i: kDriftSettings[i] has a baseline
  uint8_t drift = 0;          // bit i: and the live value differs
};

LocationRow RowOf(const LocationState& state);

// `value` escaped as a label value of the text format: \\, \" and \n.
void AppendEscaped(std::string& out, std::string_view value);

}  // namespace webex
