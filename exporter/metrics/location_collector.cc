#include "metrics/location_collector.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <span>
#include <string_view>
#include <vector>

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
  std::string_view name;
  std::string_view help;
  std::string_view type;
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

bool NeedsEscape(char c) { return c == '\\' || c == '"' || c == '\n'; }

// Label values escaped as the text format wants: \\, \" and \n.
void AppendEscaped(std::string& out, std::string_view value) {
  if (std::none_of(value.begin(), value.end(), NeedsEscape)) {
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

// The labels every series of a location starts with, escaped once.
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

// Writes the samples of one family, one location at a time, straight
// into the answer; samples of the other families are passed over. The
// collector makes one pass over the store per family, which keeps each
// family together as the format requires without a buffer per family
// to fill and then copy. HELP and TYPE come before the first sample, so
// a family with no samples is left out.
class Writer {
 public:
  Writer(std::string& out, Family family) : out_(out), family_(family) {}

  void SetLocation(const std::string& identity) { identity_ = &identity; }

  bool Wants(Family family) const { return family == family_; }

  void Sample(Family family, double value) {
    if (!Wants(family)) return;
    Start();
    Finish(value);
  }

  void Sample(Family family, double value, std::string_view label,
              std::string_view label_value) {
    if (!Wants(family)) return;
    Start();
    Label(label, label_value);
    Finish(value);
  }

  void Info(const CallParkSettings& s) {
    if (!Wants(kSettingsInfo)) return;
    Start();
    Label("option", s.option);
    Label("ring_pattern", s.ring_pattern);
    Label("hunt_group_id", s.hunt_group_id);
    Label("hunt_group_name", s.hunt_group_name);
    Finish(1);
  }

  template <size_t N>
  void StateSet(Family family, std::string_view label,
                const std::array<std::string_view, N>& known,
                const std::string& current) {
    if (!Wants(family)) return;
    bool current_known = false;
    for (std::string_view value : known) {
      bool on = value == current;
      current_known |= on;
      Sample(family, on ? 1 : 0, label, value);
    }
    if (!current_known) Sample(family, 1, label, current);
  }

 private:
  void Start() {
    const Spec& spec = kSpecs[family_];
    if (!started_) {
      AppendHeader(spec);
      started_ = true;
    }
    out_ += spec.name;
    out_ += *identity_;
  }

  void AppendHeader(const Spec& spec) {
    out_ += "# HELP ";
    out_ += spec.name;
    out_ += ' ';
    out_ += spec.help;
    out_ += "\n# TYPE ";
    out_ += spec.name;
    out_ += ' ';
    out_ += spec.type;
    out_ += '\n';
  }

  void Label(std::string_view name, std::string_view value) {
    out_ += ',';
    out_ += name;
    out_ += "=\"";
    AppendEscaped(out_, value);
    out_ += '"';
  }

  void Finish(double value) {
    out_ += "} ";
    AppendValue(out_, value);
    out_ += '\n';
  }

  std::string& out_;
  const Family family_;
  const std::string* identity_ = nullptr;
  bool started_ = false;
};

void WriteDrift(Writer& out, const Baseline& expected,
                const CallParkSettings& s) {
  if (!out.Wants(kDrift)) return;
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
  if (!out.Wants(family)) return;
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

void WriteLocation(Writer& out, const LocationState& state) {
  if (state.settings) WriteSettings(out, state);
  if (state.polled) out.Sample(kUp, state.up ? 1 : 0);
}

}  // namespace

LocationCollector::LocationCollector(const LocationStore& store)
    : store_(store) {}

void LocationCollector::AppendTo(std::string& out) const {
  // Sized from the last answer, so that the text is written in place
  // rather than copied each time the string outgrows itself.
  size_t last = last_size_.load(std::memory_order_relaxed);
  size_t start = out.size();
  out.reserve(start + last + last / 16 + 4096);
  double ok = 0;
  double failing = 0;

  store_.ReadAll([&](std::span<const LocationState* const> states) {
    std::vector<std::string> identities;
    identities.reserve(states.size());
    for (const LocationState* state : states) {
      identities.push_back(IdentityOf(state->target));
    }
    for (size_t family = 0; family < kFamilyCount; ++family) {
      Writer writer(out, static_cast<Family>(family));
      for (size_t i = 0; i < states.size(); ++i) {
        writer.SetLocation(identities[i]);
        WriteLocation(writer, *states[i]);
      }
    }
    for (const LocationState* state : states) {
      if (state->polled) (state->up ? ok : failing) += 1;
    }
  });

  out +=
      "# HELP webex_exporter_locations Locations by the outcome of their "
      "last poll.\n# TYPE webex_exporter_locations gauge\n"
      "webex_exporter_locations{state=\"ok\"} ";
  AppendValue(out, ok);
  out += "\nwebex_exporter_locations{state=\"failing\"} ";
  AppendValue(out, failing);
  out += '\n';
  last_size_.store(out.size() - start, std::memory_order_relaxed);
}

uint64_t LocationCollector::Version() const { return store_.version(); }

}  // namespace webex
