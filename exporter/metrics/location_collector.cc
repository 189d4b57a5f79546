#include "metrics/location_collector.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/location_row.h"
#include "util/huge_pages.h"

namespace webex {
namespace {

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

struct Spec {
  std::string_view name;
  std::string_view help;
  std::string_view type;
};

// Writes the samples of one family, one location at a time, straight
// into the answer. HELP and TYPE come before the first sample, so that a
// family without samples is left out. Every label value from the API or
// the configuration comes escaped in the row; the exporter's own
// constants (setting names, the documented options) need no escaping.
class Writer {
 public:
  // `started` says whether the family's HELP and TYPE are out already,
  // and is kept up to date, so that a family may span several pieces.
  Writer(std::string& out, const Spec& spec, bool& started)
      : out_(out), spec_(spec), started_(started) {}

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

  void Info(const std::string& labels) {
    Start();
    out_ += labels;
    Finish(1);
  }

  // One sample per documented value, 1 for the current one; an
  // undocumented current value gets a sample of its own.
  template <size_t N>
  void StateSet(std::string_view label,
                const std::array<std::string_view, N>& known,
                const Choice& current) {
    for (size_t i = 0; i < N; ++i) {
      Sample(static_cast<int>(i) == current.index ? 1 : 0, label, known[i]);
    }
    if (current.index >= 0) return;
    Start();
    Label(label, current.other);
    Finish(1);
  }

  // One sample per setting.
  template <size_t N>
  void Counters(const std::array<std::string_view, N>& settings,
                const std::array<uint64_t, N>& counts) {
    for (size_t i = 0; i < N; ++i) {
      Sample(static_cast<double>(counts[i]), "setting", settings[i]);
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

  // `value` is escaped already, or a constant that needs no escaping.
  void Label(std::string_view name, std::string_view value) {
    out_ += ',';
    out_ += name;
    out_ += "=\"";
    out_ += value;
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
  bool& started_;
};

// A family: its HELP and TYPE and what it writes for one location.
struct Family {
  Spec spec;
  void (*write)(Writer& out, const LocationRow& row);
};

// The families, in exposition order. All but up follow the last good
// poll, so a location never polled well has none of them.
const std::array<Family, 11> kFamilies = {{
    {{"webex_callpark_recall_time_seconds",
      "Call Park recall time (recallTime).", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Sample(row.recall_time);
     }},
    {{"webex_callpark_hunt_wait_time_seconds",
      "Call Park hunt group wait time (huntWaitTime).", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Sample(row.hunt_wait_time);
     }},
    {{"webex_callpark_recall_option",
      "Call Park recall option: 1 for the current one.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (!row.has_settings) return;
       out.StateSet("option", kKnownRecallOptions, row.option);
     }},
    {{"webex_callpark_ring_pattern",
      "Call Park ring pattern: 1 for the current one.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (!row.has_settings) return;
       out.StateSet("ring_pattern", kKnownRingPatterns, row.ring_pattern);
     }},
    {{"webex_callpark_settings_info",
      "Call Park text settings of the location.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Info(row.info);
     }},
    {{"webex_callpark_up", "1 if the last poll of the location succeeded.",
      "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.polled) out.Sample(row.up ? 1 : 0);
     }},
    {{"webex_callpark_last_success_timestamp_seconds",
      "Unix time of the last good poll of the location.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Sample(row.last_success);
     }},
    {{"webex_callpark_settings_changes_total",
      "Changes seen between polls, by setting.", "counter"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Counters(kChangeSettings, row.changes);
     }},
    // Absent until a change is seen, so that a restart (which forgets the
    // time) does not look like a change to changes() in a rule.
    {{"webex_callpark_settings_last_change_timestamp_seconds",
      "Unix time of the last change seen.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings && row.last_change > 0) {
         out.Sample(row.last_change);
       }
     }},
    {{"webex_callpark_drift",
      "1 where the live value differs from the configured baseline.", "gauge"},
     [](Writer& out, const LocationRow& row) {
       if (!row.has_settings) return;
       for (size_t i = 0; i < kDriftSettings.size(); ++i) {
         if (((row.drift_checked >> i) & 1) == 0) continue;
         out.Sample((row.drift >> i) & 1, "setting", kDriftSettings[i]);
       }
     }},
    {{"webex_callpark_validation_warnings_total",
      "Values seen outside the documented set or range, by setting.",
      "counter"},
     [](Writer& out, const LocationRow& row) {
       if (row.has_settings) out.Counters(kValidatedSettings, row.warnings);
     }},
}};

// The location families of one snapshot of the store, a piece at a
// time: one pass over the locations per family keeps each family's
// samples together, as the format requires, and the rows taken from one
// snapshot keep the text consistent however long a client takes.
class LocationText : public TextChunks {
 public:
  // The rows are gathered at once, under the store's lock, which is let
  // go of before the first piece: the poller never waits for a client.
  explicit LocationText(const LocationStore& store) {
    store.ReadAll([&](std::span<const LocationState* const> states) {
      rows_.reserve(states.size());
      for (const LocationState* state : states) {
        rows_.push_back(RowOf(*state));
        if (state->polled) (state->up ? ok_ : failing_) += 1;
      }
    });
  }

  bool Next(std::string& out, size_t size) override {
    size_t start = out.size();
    size_t end = size < SIZE_MAX - start ? start + size : SIZE_MAX;
    while (family_ < kFamilies.size() && out.size() < end) {
      WriteFamily(out, end);
    }
    if (family_ == kFamilies.size() && !done_) {
      AppendLocationCounts(out);
      done_ = true;
    }
    return out.size() > start;
  }

 private:
  // Writes on in the current family until `out` reaches `end` bytes or
  // the family is done.
  void WriteFamily(std::string& out, size_t end) {
    const Family& family = kFamilies[family_];
    Writer writer(out, family.spec, started_);
    for (; next_ < rows_.size() && out.size() < end; ++next_) {
      writer.SetLocation(rows_[next_].identity);
      family.write(writer, rows_[next_]);
    }
    if (next_ < rows_.size()) return;
    ++family_;
    next_ = 0;
    started_ = false;
  }

  void AppendLocationCounts(std::string& out) const {
    out +=
        "# HELP webex_exporter_locations Locations by the outcome of their "
        "last poll.\n# TYPE webex_exporter_locations gauge\n"
        "webex_exporter_locations{state=\"ok\"} ";
    AppendValue(out, ok_);
    out += "\nwebex_exporter_locations{state=\"failing\"} ";
    AppendValue(out, failing_);
    out += '\n';
  }

  std::vector<LocationRow> rows_;
  double ok_ = 0;
  double failing_ = 0;
  size_t family_ = 0;     // the family being written
  size_t next_ = 0;       // the next location in it
  bool started_ = false;  // its HELP and TYPE are out
  bool done_ = false;
};

}  // namespace

LocationCollector::LocationCollector(const LocationStore& store)
    : store_(store) {}

std::unique_ptr<TextChunks> LocationCollector::Open() const {
  return std::make_unique<LocationText>(store_);
}

// The whole text in one string, sized from the last one, so that it is
// written in place rather than copied each time the string outgrows
// itself, and into huge pages where the kernel has them.
void LocationCollector::AppendTo(std::string& out) const {
  size_t last = last_size_.load(std::memory_order_relaxed);
  size_t start = out.size();
  out.reserve(start + last + last / 16 + 4096);
  AdviseHugePages(out.data() + start, out.capacity() - start);

  LocationText text(store_);
  while (text.Next(out, SIZE_MAX)) {
  }
  last_size_.store(out.size() - start, std::memory_order_relaxed);
}

uint64_t LocationCollector::Version() const { return store_.version(); }

}  // namespace webex
