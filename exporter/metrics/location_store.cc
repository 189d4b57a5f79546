#include "metrics/location_store.h"

#include <set>

namespace webex {

std::vector<std::string_view> ChangedSettings(const CallParkSettings& before,
                                              const CallParkSettings& after) {
  std::vector<std::string_view> changed;
  if (before.recall_time != after.recall_time) changed.push_back("recall_time");
  if (before.hunt_wait_time != after.hunt_wait_time) {
    changed.push_back("hunt_wait_time");
  }
  if (before.option != after.option) changed.push_back("option");
  if (before.ring_pattern != after.ring_pattern) {
    changed.push_back("ring_pattern");
  }
  if (before.hunt_group_id != after.hunt_group_id ||
      before.hunt_group_name != after.hunt_group_name) {
    changed.push_back("hunt_group");
  }
  return changed;
}

void LocationStore::SetTargets(const std::vector<LocationTarget>& targets) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++version_;
  std::set<std::string_view> wanted;
  for (const LocationTarget& target : targets) {
    wanted.insert(target.location_id);
    locations_[target.location_id].target = target;
  }
  std::erase_if(locations_,
                [&](const auto& entry) { return !wanted.count(entry.first); });
}

LocationState* LocationStore::Find(std::string_view location_id) {
  auto it = locations_.find(location_id);
  return it == locations_.end() ? nullptr : &it->second;
}

std::vector<std::string_view> LocationStore::RecordSuccess(
    std::string_view location_id, const CallParkSettings& settings,
    double now) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++version_;
  LocationState* state = Find(location_id);
  if (!state) return {};

  std::vector<std::string_view> changed;
  if (state->settings) changed = ChangedSettings(*state->settings, settings);
  for (std::string_view setting : changed) {
    ++state->changes[std::string(setting)];
  }
  if (!changed.empty()) state->last_change = now;

  state->settings = settings;
  state->polled = true;
  state->up = true;
  state->last_success = now;
  return changed;
}

void LocationStore::RecordFailure(std::string_view location_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++version_;
  if (LocationState* state = Find(location_id)) {
    state->polled = true;
    state->up = false;
  }
}

void LocationStore::CountWarnings(
    std::string_view location_id,
    const std::vector<std::string_view>& settings) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++version_;
  LocationState* state = Find(location_id);
  if (!state) return;
  for (std::string_view setting : settings) {
    ++state->warnings[std::string(setting)];
  }
}

std::optional<bool> LocationStore::LastOutcome(
    std::string_view location_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = locations_.find(location_id);
  if (it == locations_.end() || !it->second.polled) return std::nullopt;
  return it->second.up;
}

void LocationStore::Visit(
    const std::function<void(const LocationState&)>& visit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [id, state] : locations_) visit(state);
}

void LocationStore::ReadAll(
    const std::function<void(std::span<const LocationState* const>)>& read)
    const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const LocationState*> states;
  states.reserve(locations_.size());
  for (const auto& [id, state] : locations_) states.push_back(&state);
  read(states);
}

size_t LocationStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return locations_.size();
}

uint64_t LocationStore::version() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return version_;
}

}  // namespace webex
