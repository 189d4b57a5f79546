#include "metrics/location_collector.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace webex {
namespace {

// The families, in exposition order.
enum Family {
  kRecallTime,
  kHuntWaitTime,
  kRecallOption,
  kRingPattern,
  kSettingsInfo,
  kUp,
  kLastSuccess,
  kChanges,
  kLastChange,
  kDrift,
  kWarnings,
  kFamilyCount,
};

struct Spec {
  const char* name;
  const char* help;
  const char* type;
};

constexpr std::array<Spec, kFamilyCount> kSpecs = {{
    {"webex_callpark_recall_time_seconds",
     "Call Park recall time (recallTime).", "gauge"},
    {"webex_callpark_hunt_wait_time_seconds",
     "Call Park hunt group wait time (huntWaitTime).", "gauge"},
    {"webex_callpark_recall_option",
     "Call Park recall option: 1 for the current one.", "gauge"},
    {"webex_callpark_ring_pattern",
     "Call Park ring pattern: 1 for the current one.", "gauge"},
    {"webex_callpark_settings_info", "Call Park text settings of the location.",
     "gauge"},
    {"webex_callpark_up", "1 if the last poll of the location succeeded.",
     "gauge"},
    {"webex_callpark_last_success_timestamp_seconds",
     "Unix time of the last good poll of the location.", "gauge"},
    {"webex_callpark_settings_changes_total",
     "Changes seen between polls, by setting.", "counter"},
    {"webex_callpark_settings_last_change_timestamp_seconds",
     "Unix time of the last change seen.", "gauge"},
    {"webex_callpark_drift",
     "1 where the live value differs from the configured baseline.", "gauge"},
    {"webex_callpark_validation_warnings_total",
     "Values seen outside the documented set or range, by setting.", "counter"},
}};

constexpr std::array<std::string_view, 5> kChangeSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern", "hunt_group"};
constexpr std::array<std::string_view, 4> kValidatedSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern"};

// Label values escaped as the text format wants: \\, \" and \n.
void AppendEscaped(std::string& out, std::string_view value) {
  if (value.find_first_of("\\\"\n") == std::string_view::npos) {
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

// Numbers as prometheus-cpp writes them, so both halves of a scrape agree.
void AppendValue(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  char text[32];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    // Whole numbers, most samples, print the same and much faster so.
    auto [end, error] =
        std::to_chars(text, text + sizeof text, static_cast<int64_t>(value));
    out.append(text, end);
    return;
  }
  int n = std::snprintf(text, sizeof text, "%.16g", value);
  out.append(text, static_cast<size_t>(n));
}

// Writes the samples of one location; each family has its own buffer so
// that one pass over the store fills them all in exposition order.
class Writer {
 public:
  Writer(std::array<std::string, kFamilyCount>& out,
         const LocationTarget& target)
      : out_(out) {
    identity_ = "{org_id=\"";
    AppendEscaped(identity_, target.org_id);
    identity_ += "\",location_id=\"";
    AppendEscaped(identity_, target.location_id);
    identity_ += "\",location=\"";
    AppendEscaped(identity_, target.name);
    identity_ += '"';
  }

  void Sample(Family family, double value) {
    Start(family);
    Finish(family, value);
  }

  void Sample(Family family, double value, std::string_view label,
              std::string_view label_value) {
    Start(family);
    Label(family, label, label_value);
    Finish(family, value);
  }

  void Info(const CallParkSettings& s) {
    Start(kSettingsInfo);
    Label(kSettingsInfo, "option", s.option);
    Label(kSettingsInfo, "ring_pattern", s.ring_pattern);
    Label(kSettingsInfo, "hunt_group_id", s.hunt_group_id);
    Label(kSettingsInfo, "hunt_group_name", s.hunt_group_name);
    Finish(kSettingsInfo, 1);
  }

  template <size_t N>
  void StateSet(Family family, std::string_view label,
                const std::array<std::string_view, N>& known,
                const std::string& current) {
    bool current_known = false;
    for (std::string_view value : known) {
      bool on = value == current;
      current_known |= on;
      Sample(family, on ? 1 : 0, label, value);
    }
    if (!current_known) Sample(family, 1, label, current);
  }

 private:
  void Start(Family family) {
    std::string& out = out_[family];
    out += kSpecs[family].name;
    out += identity_;
  }

  void Label(Family family, std::string_view name, std::string_view value) {
    std::string& out = out_[family];
    out += ',';
    out += name;
    out += "=\"";
    AppendEscaped(out, value);
    out += '"';
  }

  void Finish(Family family, double value) {
    std::string& out = out_[family];
    out += "} ";
    AppendValue(out, value);
    out += '\n';
  }

  std::array<std::string, kFamilyCount>& out_;
  std::string identity_;
};

void WriteDrift(Writer& out, const Baseline& expected,
                const CallParkSettings& s) {
  auto drift = [&](std::string_view setting, bool differs) {
    out.Sample(kDrift, differs ? 1 : 0, "setting", setting);
  };
  if (expected.recall_time) {
    drift("recall_time", *expected.recall_time != s.recall_time);
  }
  if (expected.hunt_wait_time) {
    drift("hunt_wait_time", *expected.hunt_wait_time != s.hunt_wait_time);
  }
  if (expected.option) drift("option", *expected.option != s.option);
  if (expected.ring_pattern) {
    drift("ring_pattern", *expected.ring_pattern != s.ring_pattern);
  }
  if (expected.hunt_group_id) {
    drift("hunt_group_id", *expected.hunt_group_id != s.hunt_group_id);
  }
}

template <size_t N>
void WriteCounters(Writer& out, Family family,
                   const std::array<std::string_view, N>& settings,
                   const std::map<std::string, uint64_t, std::less<>>& seen) {
  for (std::string_view setting : settings) {
    auto it = seen.find(setting);
    double value = it == seen.end() ? 0 : static_cast<double>(it->second);
    out.Sample(family, value, "setting", setting);
  }
}

void WriteSettings(Writer& out, const LocationState& state) {
  const CallParkSettings& s = *state.settings;
  out.Sample(kRecallTime, static_cast<double>(s.recall_time));
  out.Sample(kHuntWaitTime, static_cast<double>(s.hunt_wait_time));
  out.StateSet(kRecallOption, "option", kKnownRecallOptions, s.option);
  out.StateSet(kRingPattern, "ring_pattern", kKnownRingPatterns,
               s.ring_pattern);
  out.Info(s);
  out.Sample(kLastSuccess, state.last_success);
  WriteCounters(out, kChanges, kChangeSettings, state.changes);
  // Absent until a change is seen, so that a restart (which forgets the
  // time) does not look like a change to changes() in a rule.
  if (state.last_change > 0) out.Sample(kLastChange, state.last_change);
  WriteDrift(out, state.target.expected, s);
  WriteCounters(out, kWarnings, kValidatedSettings, state.warnings);
}

void AppendFamily(std::string& out, const Spec& spec,
                  const std::string& samples) {
  if (samples.empty()) return;
  out += "# HELP ";
  out += spec.name;
  out += ' ';
  out += spec.help;
  out += "\n# TYPE ";
  out += spec.name;
  out += ' ';
  out += spec.type;
  out += '\n';
  out += samples;
}

}  // namespace

LocationCollector::LocationCollector(const LocationStore& store)
    : store_(store) {}

void LocationCollector::AppendTo(std::string& out) const {
  std::array<std::string, kFamilyCount> samples;
  double ok = 0;
  double failing = 0;

  store_.Visit([&](const LocationState& state) {
    Writer writer(samples, state.target);
    if (state.settings) WriteSettings(writer, state);
    if (!state.polled) return;
    writer.Sample(kUp, state.up ? 1 : 0);
    (state.up ? ok : failing) += 1;
  });

  size_t size = 512;
  for (const std::string& family : samples) size += family.size() + 256;
  out.reserve(out.size() + size);
  for (size_t i = 0; i < kFamilyCount; ++i) {
    AppendFamily(out, kSpecs[i], samples[i]);
  }

  out +=
      "# HELP webex_exporter_locations Locations by the outcome of their "
      "last poll.\n# TYPE webex_exporter_locations gauge\n"
      "webex_exporter_locations{state=\"ok\"} ";
  AppendValue(out, ok);
  out += "\nwebex_exporter_locations{state=\"failing\"} ";
  AppendValue(out, failing);
  out += '\n';
}

uint64_t LocationCollector::Version() const { return store_.version(); }

}  // namespace webex
