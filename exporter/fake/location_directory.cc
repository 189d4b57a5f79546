#include "exporter/fake/location_directory.h"

#include <algorithm>
#include <utility>

namespace webex::fake {

namespace {

// Works on the const and the mutable vector alike.
auto FindById(auto& locations, std::string_view id) {
  return std::find_if(
      locations.begin(), locations.end(),
      [id](const FakeLocation& location) { return location.id == id; });
}

}  // namespace

LocationDirectory::LocationDirectory(std::vector<FakeLocation> locations)
    : locations_(std::move(locations)) {}

bool LocationDirectory::Add(FakeLocation location) {
  std::lock_guard lock(mutex_);
  if (FindById(locations_, location.id) != locations_.end()) return false;

  locations_.push_back(std::move(location));
  return true;
}

bool LocationDirectory::Remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto found = FindById(locations_, id);
  if (found == locations_.end()) return false;

  locations_.erase(found);
  return true;
}

bool LocationDirectory::UpdateSettings(
    std::string_view id, const std::function<void(CallParkSettings&)>& update) {
  std::lock_guard lock(mutex_);
  auto found = FindById(locations_, id);
  if (found == locations_.end()) return false;

  update(found->settings);
  return true;
}

std::optional<FakeLocation> LocationDirectory::Find(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto found = FindById(locations_, id);
  if (found == locations_.end()) return std::nullopt;
  return *found;
}

std::vector<FakeLocation> LocationDirectory::All() const {
  std::lock_guard lock(mutex_);
  return locations_;
}

}  // namespace webex::fake
