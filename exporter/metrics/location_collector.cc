#include "metrics/location_collector.h"

#include <array>
#include <string>

namespace webex {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;
using Labels = std::vector<ClientMetric::Label>;

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
  kLocations,
  kFamilyCount,
};

std::vector<MetricFamily> EmptyFamilies() {
  struct Spec {
    const char* name;
    const char* help;
    MetricType type;
  };
  static const std::array<Spec, kFamilyCount> specs = {{
      {"webex_callpark_recall_time_seconds",
       "Call Park recall time (recallTime).", MetricType::Gauge},
      {"webex_callpark_hunt_wait_time_seconds",
       "Call Park hunt group wait time (huntWaitTime).", MetricType::Gauge},
      {"webex_callpark_recall_option",
       "Call Park recall option: 1 for the current one.", MetricType::Gauge},
      {"webex_callpark_ring_pattern",
       "Call Park ring pattern: 1 for the current one.", MetricType::Gauge},
      {"webex_callpark_settings_info",
       "Call Park text settings of the location.", MetricType::Gauge},
      {"webex_callpark_up", "1 if the last poll of the location succeeded.",
       MetricType::Gauge},
      {"webex_callpark_last_success_timestamp_seconds",
       "Unix time of the last good poll of the location.", MetricType::Gauge},
      {"webex_callpark_settings_changes_total",
       "Changes seen between polls, by setting.", MetricType::Counter},
      {"webex_callpark_settings_last_change_timestamp_seconds",
       "Unix time of the last change seen.", MetricType::Gauge},
      {"webex_callpark_drift",
       "1 where the live value differs from the configured baseline.",
       MetricType::Gauge},
      {"webex_callpark_validation_warnings_total",
       "Values seen outside the documented set or range, by setting.",
       MetricType::Counter},
      {"webex_exporter_locations",
       "Locations by the outcome of their last poll.", MetricType::Gauge},
  }};
  std::vector<MetricFamily> families(kFamilyCount);
  for (size_t i = 0; i < families.size(); ++i) {
    families[i].name = specs[i].name;
    families[i].help = specs[i].help;
    families[i].type = specs[i].type;
  }
  return families;
}

class Emitter {
 public:
  Emitter(std::vector<MetricFamily>& families, const LocationTarget& target)
      : families_(families),
        identity_{{"org_id", target.org_id},
                  {"location_id", target.location_id},
                  {"location", target.name}} {}

  void Add(Family family, double value, Labels extra = {}) {
    ClientMetric metric;
    metric.label = identity_;
    for (auto& label : extra) metric.label.push_back(std::move(label));
    if (families_[family].type == MetricType::Counter) {
      metric.counter.value = value;
    } else {
      metric.gauge.value = value;
    }
    families_[family].metric.push_back(std::move(metric));
  }

  template <size_t N>
  void StateSet(Family family, const char* label,
                const std::array<std::string_view, N>& known,
                const std::string& current) {
    bool current_known = false;
    for (std::string_view value : known) {
      bool on = value == current;
      current_known |= on;
      Add(family, on ? 1 : 0, {{label, std::string(value)}});
    }
    if (!current_known) Add(family, 1, {{label, current}});
  }

 private:
  std::vector<MetricFamily>& families_;
  const Labels identity_;
};

void EmitDrift(Emitter& out, const Baseline& expected,
               const CallParkSettings& s) {
  auto drift = [&](const char* setting, bool differs) {
    out.Add(kDrift, differs ? 1 : 0, {{"setting", setting}});
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

void EmitCounters(Emitter& out, Family family,
                  const std::vector<std::string_view>& settings,
                  const std::map<std::string, uint64_t, std::less<>>& seen) {
  for (std::string_view setting : settings) {
    auto it = seen.find(setting);
    double value = it == seen.end() ? 0 : static_cast<double>(it->second);
    out.Add(family, value, {{"setting", std::string(setting)}});
  }
}

void EmitSettings(Emitter& out, const LocationState& state) {
  const CallParkSettings& s = *state.settings;
  out.Add(kRecallTime, static_cast<double>(s.recall_time));
  out.Add(kHuntWaitTime, static_cast<double>(s.hunt_wait_time));
  out.StateSet(kRecallOption, "option", kKnownRecallOptions, s.option);
  out.StateSet(kRingPattern, "ring_pattern", kKnownRingPatterns,
               s.ring_pattern);
  out.Add(kSettingsInfo, 1,
          {{"option", s.option},
           {"ring_pattern", s.ring_pattern},
           {"hunt_group_id", s.hunt_group_id},
           {"hunt_group_name", s.hunt_group_name}});
  out.Add(kLastSuccess, state.last_success);
  EmitCounters(
      out, kChanges,
      {"recall_time", "hunt_wait_time", "option", "ring_pattern", "hunt_group"},
      state.changes);
  // Absent until a change is seen, so that a restart (which forgets the
  // time) does not look like a change to changes() in a rule.
  if (state.last_change > 0) out.Add(kLastChange, state.last_change);
  EmitDrift(out, state.target.expected, s);
  EmitCounters(out, kWarnings,
               {"recall_time", "hunt_wait_time", "option", "ring_pattern"},
               state.warnings);
}

}  // namespace

LocationCollector::LocationCollector(const LocationStore& store)
    : store_(store) {}

std::vector<MetricFamily> LocationCollector::Collect() const {
  std::vector<MetricFamily> families = EmptyFamilies();
  double ok = 0;
  double failing = 0;

  store_.Visit([&](const LocationState& state) {
    Emitter out(families, state.target);
    if (state.settings) EmitSettings(out, state);
    if (!state.polled) return;
    out.Add(kUp, state.up ? 1 : 0);
    (state.up ? ok : failing) += 1;
  });

  for (auto [state, count] : {std::pair{"ok", ok}, {"failing", failing}}) {
    ClientMetric metric;
    metric.label = {{"state", state}};
    metric.gauge.value = count;
    families[kLocations].metric.push_back(std::move(metric));
  }
  return families;
}

}  // namespace webex
