#include "metrics/location_collector.h"

#include <array>
#include <charconv>
#include <cmath>
#include <span>
#include <string_view>
#include <vector>

#include "util/huge_pages.h"

namespace webex {
namespace {

constexpr std::array<std::string_view, 5> kChangeSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern", "hunt_group"};
constexpr std::array<std::string_view, 4> kValidatedSettings = {
    "recall_time", "hunt_wait_time", "option", "ring_pattern"};

// A plain loop: values are short, and a call per value (memchr) or per
// character (find_first_of) cost several times more.
bool NeedsEscape(std::string_view value) {
  for (char c : value) {
    if (c == '\\' || c == '"' || c == '\n') return true;
  }
  return false;
}

// Label values escaped as the text format wants: \\, \" and \n.
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
  // As printf's %.16g, without its locale and arbitrary-precision cost.
  auto [end, error] = std::to_chars(text, text + sizeof text, value,
                                    std::chars_format::general, 16);
  out.append(text, end);
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

struct Spec {
  std::string_view name;
  std::string_view help;
  std::string_view type;
};

// Writes the samples of one family, one location at a time, straight
// into the answer. HELP and TYPE come before the first sample, so that a
// family without samples is left out. Label values that come from the
// API or the configuration are escaped; the exporter's own constants
// (setting names, the documented options) need not be.
class Writer {
 public:
  Writer(std::string& out, const Spec& spec) : out_(out), spec_(spec) {}

  void SetLocation(const std::string& identity) { identity_ = &identity; }

  void Sample(double value) {
    Start();
    Finish(value);
  }

  void Sample(double value, std::string_view label, std::string_view constant) {
    Start();
    Label(label, constant);
    Finish(value);
  }

  void Info(const CallParkSettings& s) {
    Start();
    EscapedLabel("option", s.option);
    EscapedLabel("ring_pattern", s.ring_pattern);
    EscapedLabel("hunt_group_id", s.hunt_group_id);
    EscapedLabel("hunt_group_name", s.hunt_group_name);
    Finish(1);
  }

  // One sample per documented value, 1 for the current one; an
  // undocumented current value gets a sample of its own.
  template <size_t N>
  void StateSet(std::string_view label,
                const std::array<std::string_view, N>& known,
                const std::string& current) {
    bool current_known = false;
    for (std::string_view value : known) {
      bool on = value == current;
      current_known |= on;
      Sample(on ? 1 : 0, label, value);
    }
    if (current_known) return;
    Start();
    EscapedLabel(label, current);
    Finish(1);
  }

  // One sample per setting, 0 for those never counted.
  template <size_t N>
  void Counters(const std::array<std::string_view, N>& settings,
                const std::map<std::string, uint64_t, std::less<>>& seen) {
    for (std::string_view setting : settings) {
      auto it = seen.find(setting);
      double value = it == seen.end() ? 0 : static_cast<double>(it->second);
      Sample(value, "setting", setting);
    }
  }

 private:
  void Start() {
    if (!started_) {
      AppendHeader();
      started_ = true;
    }
    out_ += spec_.name;
    out_ += *identity_;
  }

  void AppendHeader() {
    out_ += "# HELP ";
    out_ += spec_.name;
    out_ += ' ';
    out_ += spec_.help;
    out_ += "\n# TYPE ";
    out_ += spec_.name;
    out_ += ' ';
    out_ += spec_.type;
    out_ += '\n';
  }

  void Label(std::string_view name, std::string_view value) {
    out_ += ',';
    out_ += name;
    out_ += "=\"";
    out_ += value;
    out_ += '"';
  }

  void EscapedLabel(std::string_view name, std::string_view value) {
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
  const Spec& spec_;
  const std::string* identity_ = nullptr;
  bool started_ = false;
};

void WriteDrift(Writer& out, const Baseline& expected,
                const CallParkSettings& s) {
  auto drift = [&](std::string_view setting, bool differs) {
    out.Sample(differs ? 1 : 0, "setting", setting);
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

// A family: its HELP and TYPE and what it writes for one location.
struct Family {
  Spec spec;
  void (*write)(Writer& out, const LocationState& state);
};

// The families, in exposition order. All but up follow the last good
// poll, so a location never polled well has none of them.
const std::array<Family, 11> kFamilies = {{
    {{"webex_callpark_recall_time_seconds",
      "Call Park recall time (recallTime).", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (!state.settings) return;
       out.Sample(static_cast<double>(state.settings->recall_time));
     }},
    {{"webex_callpark_hunt_wait_time_seconds",
      "Call Park hunt group wait time (huntWaitTime).", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (!state.settings) return;
       out.Sample(static_cast<double>(state.settings->hunt_wait_time));
     }},
    {{"webex_callpark_recall_option",
      "Call Park recall option: 1 for the current one.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (!state.settings) return;
       out.StateSet("option", kKnownRecallOptions, state.settings->option);
     }},
    {{"webex_callpark_ring_pattern",
      "Call Park ring pattern: 1 for the current one.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (!state.settings) return;
       out.StateSet("ring_pattern", kKnownRingPatterns,
                    state.settings->ring_pattern);
     }},
    {{"webex_callpark_settings_info",
      "Call Park text settings of the location.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (state.settings) out.Info(*state.settings);
     }},
    {{"webex_callpark_up", "1 if the last poll of the location succeeded.",
      "gauge"},
     [](Writer& out, const LocationState& state) {
       if (state.polled) out.Sample(state.up ? 1 : 0);
     }},
    {{"webex_callpark_last_success_timestamp_seconds",
      "Unix time of the last good poll of the location.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (state.settings) out.Sample(state.last_success);
     }},
    {{"webex_callpark_settings_changes_total",
      "Changes seen between polls, by setting.", "counter"},
     [](Writer& out, const LocationState& state) {
       if (state.settings) out.Counters(kChangeSettings, state.changes);
     }},
    // Absent until a change is seen, so that a restart (which forgets the
    // time) does not look like a change to changes() in a rule.
    {{"webex_callpark_settings_last_change_timestamp_seconds",
      "Unix time of the last change seen.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (state.settings && state.last_change > 0) {
         out.Sample(state.last_change);
       }
     }},
    {{"webex_callpark_drift",
      "1 where the live value differs from the configured baseline.", "gauge"},
     [](Writer& out, const LocationState& state) {
       if (!state.settings) return;
       WriteDrift(out, state.target.expected, *state.settings);
     }},
    {{"webex_callpark_validation_warnings_total",
      "Values seen outside the documented set or range, by setting.",
      "counter"},
     [](Writer& out, const LocationState& state) {
       if (state.settings) out.Counters(kValidatedSettings, state.warnings);
     }},
}};

}  // namespace

LocationCollector::LocationCollector(const LocationStore& store)
    : store_(store) {}

// One pass over the store per family keeps each family's samples
// together, as the format requires, with no buffer per family to fill
// and copy. The answer is sized from the last one, so that it is written
// in place rather than copied each time the string outgrows itself, and
// into huge pages where the kernel has them.
void LocationCollector::AppendTo(std::string& out) const {
  size_t last = last_size_.load(std::memory_order_relaxed);
  size_t start = out.size();
  out.reserve(start + last + last / 16 + 4096);
  AdviseHugePages(out.data() + start, out.capacity() - start);
  double ok = 0;
  double failing = 0;

  store_.ReadAll([&](std::span<const LocationState* const> states) {
    std::vector<std::string> identities;
    identities.reserve(states.size());
    for (const LocationState* state : states) {
      identities.push_back(IdentityOf(state->target));
    }
    for (const Family& family : kFamilies) {
      Writer writer(out, family.spec);
      for (size_t i = 0; i < states.size(); ++i) {
        writer.SetLocation(identities[i]);
        family.write(writer, *states[i]);
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
