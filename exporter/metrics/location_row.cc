#include "metrics/location_row.h"

namespace webex {
namespace {

// A plain loop: values are short, and a call per value (memchr) or per
// character (find_first_of) cost several times more.
bool NeedsEscape(std::string_view value) {
  for (char c : value) {
    if (c == '\\' || c == '"' || c == '\n') return true;
  }
  return false;
}

std::string IdentityOf(const LocationTarget& target) {
  std::string identity = "{org_id=\"";
  AppendEscaped(identity, target.org_id);
  identity += "\",location_id=\"";
  AppendEscaped(identity, target.location_id);
  identity += "\",location=\"";
  AppendEscaped(identity, target.name);
  identity += '"';
  return identity;
}

template <size_t N>
Choice ChoiceOf(const std::array<std::string_view, N>& known,
                const std::string& current) {
  Choice choice;
  for (size_t i = 0; i < N; ++i) {
    if (known[i] == current) choice.index = static_cast<int>(i);
  }
  if (choice.index < 0) AppendEscaped(choice.other, current);
  return choice;
}

void AppendLabel(std::string& out, std::string_view name,
                 std::string_view value) {
  out += ',';
  out += name;
  out += "=\"";
  AppendEscaped(out, value);
  out += '"';
}

std::string InfoOf(const CallParkSettings& s) {
  std::string info;
  AppendLabel(info, "option", s.option);
  AppendLabel(info, "ring_pattern", s.ring_pattern);
  AppendLabel(info, "hunt_group_id", s.hunt_group_id);
  AppendLabel(info, "hunt_group_name", s.hunt_group_name);
  return info;
}

template <size_t N>
std::array<uint64_t, N> CountsOf(
    const std::array<std::string_view, N>& settings,
    const std::map<std::string, uint64_t, std::less<>>& seen) {
  std::array<uint64_t, N> counts{};
  for (size_t i = 0; i < N; ++i) {
    auto it = seen.find(settings[i]);
    if (it != seen.end()) counts[i] = it->second;
  }
  return counts;
}

void GatherDrift(LocationRow& row, const Baseline& expected,
                 const CallParkSettings& s) {
  auto check = [&](int bit, bool differs) {
    row.drift_checked |= 1 << bit;
    if (differs) row.drift |= 1 << bit;
  };
  if (expected.recall_time) check(0, *expected.recall_time != s.recall_time);
  if (expected.hunt_wait_time) {
    check(1, *expected.hunt_wait_time != s.hunt_wait_time);
  }
  if (expected.option) check(2, *expected.option != s.option);
  if (expected.ring_pattern) {
    check(3, *expected.ring_pattern != s.ring_pattern);
  }
  if (expected.hunt_group_id) {
    check(4, *expected.hunt_group_id != s.hunt_group_id);
  }
}

}  // namespace

void AppendEscaped(std::string& out, std::string_view value) {
  if (!NeedsEscape(value)) {
    out += value;  // the common case: nothing to escape
    return;
  }
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

LocationRow RowOf(const LocationState& state) {
  LocationRow row;
  row.identity = IdentityOf(state.target);
  row.polled = state.polled;
  row.up = state.up;
  if (!state.settings) return row;

  const CallParkSettings& s = *state.settings;
  row.has_settings = true;
  row.recall_time = static_cast<double>(s.recall_time);
  row.hunt_wait_time = static_cast<double>(s.hunt_wait_time);
  row.option = ChoiceOf(kKnownRecallOptions, s.option);
  row.ring_pattern = ChoiceOf(kKnownRingPatterns, s.ring_pattern);
  row.info = InfoOf(s);
  row.last_success = state.last_success;
  row.last_change = state.last_change;
  row.changes = CountsOf(kChangeSettings, state.changes);
  row.warnings = CountsOf(kValidatedSettings, state.warnings);
  GatherDrift(row, state.target.expected, s);
  return row;
}

}  // namespace webex
