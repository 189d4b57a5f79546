// The locations the fake Webex API knows about.
#ifndef EXPORTER_FAKE_LOCATION_DIRECTORY_H_
#define EXPORTER_FAKE_LOCATION_DIRECTORY_H_

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exporter/fake/call_park_settings.h"

namespace webex::fake {

struct FakeLocation {
  std::string id;
  std::string name;
  CallParkSettings settings;
};

// Owns the fake's locations in the order they were added, which is the
// order the list endpoints page through.
//
// Thread-safe: every method takes an internal lock, so request handlers on
// any civetweb worker may call it. Lookups return copies.
class LocationDirectory {
 public:
  explicit LocationDirectory(std::vector<FakeLocation> locations);

  // Returns false, changing nothing, when the id is already taken.
  bool Add(FakeLocation location);

  // Returns false when there was no such location.
  bool Remove(std::string_view id);

  // Applies `update` to the location's settings under the lock, so that
  // concurrent partial updates do not lose each other's changes. Returns
  // false when there is no such location.
  bool UpdateSettings(std::string_view id,
                      const std::function<void(CallParkSettings&)>& update);

  std::optional<FakeLocation> Find(std::string_view id) const;

  std::vector<FakeLocation> All() const;

 private:
  mutable std::mutex mutex_;
  std::vector<FakeLocation> locations_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_LOCATION_DIRECTORY_H_
