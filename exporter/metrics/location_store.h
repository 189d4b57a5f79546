#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "webex/call_park_settings.h"

namespace webex {

// A location the exporter is told to poll, with its effective baseline.
struct LocationTarget {
  std::string org_id;
  std::string location_id;
  std::string name;
  Baseline expected;

  bool operator==(const LocationTarget&) const = default;
};

// Everything known about one location; the source of its series.
struct LocationState {
  LocationTarget target;
  std::optional<CallParkSettings> settings;  // the last good poll's
  bool polled = false;                       // at least one poll has finished
  bool up = false;
  double last_success = 0;
  double last_change = 0;
  std::map<std::string, uint64_t, std::less<>> changes;
  std::map<std::string, uint64_t, std::less<>> warnings;
};

// The per-location state, keyed by location id: written by the poller,
// read by every scrape. A location that leaves the target list is gone,
// counters and all. Thread-safe; Visit holds the lock while it runs.
// version() changes with every call that may change the state, so a
// reader can tell that what it derived from the store is still current.
class LocationStore {
 public:
  // Makes `targets` the set of locations: new ones start empty, missing
  // ones are dropped, renamed or re-baselined ones keep their history.
  void SetTargets(const std::vector<LocationTarget>& targets);

  // Records a good poll. Returns the settings that differ from the last
  // good poll (none on the first), which are also counted as changes.
  std::vector<std::string_view> RecordSuccess(std::string_view location_id,
                                              const CallParkSettings& settings,
                                              double now);

  void RecordFailure(std::string_view location_id);

  void CountWarnings(std::string_view location_id,
                     const std::vector<std::string_view>& settings);

  // Whether the location's last finished poll succeeded; nullopt when it
  // was never polled or is unknown.
  std::optional<bool> LastOutcome(std::string_view location_id) const;

  void Visit(const std::function<void(const LocationState&)>& visit) const;

  // Calls `read` once with every location, in id order, under the lock:
  // for a reader that makes several passes over one consistent view.
  void ReadAll(const std::function<void(std::span<const LocationState* const>)>&
                   read) const;

  size_t size() const;

  // A count of the calls to the four methods above that change the
  // state; equal values mean Visit() would see the same locations.
  uint64_t version() const;

 private:
  LocationState* Find(std::string_view location_id);

  mutable std::mutex mutex_;
  std::map<std::string, LocationState, std::less<>> locations_;
  uint64_t version_ = 0;  // guarded by mutex_
};

// The settings (by metric label) in which `after` differs from `before`.
std::vector<std::string_view> ChangedSettings(const CallParkSettings& before,
                                              const CallParkSettings& after);

}  // namespace webex
