// Deterministic sample data for the fake Webex API.
#ifndef EXPORTER_FAKE_LOCATION_GENERATOR_H_
#define EXPORTER_FAKE_LOCATION_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "exporter/fake/location_directory.h"

namespace webex::fake {

struct GeneratedOrg {
  std::string org_id;
  std::vector<FakeLocation> locations;
};

// The id, name and settings of location #0, the same for every seed so that
// tests can name it: the location and hunt group of the vendor's example
// page, "Headquarters", ALERT_HUNT_GROUP_ONLY, NORMAL, 45 s and 45 s.
FakeLocation FirstLocation();

// An org id and `location_count` locations drawn from `seed`: location #0
// is FirstLocation(); the rest have realistic unique names (spaces,
// non-ASCII letters), every recall option and ring pattern in turn, times
// from {30, 45, 60, 90, 120, 300, 600}, some without a hunt group, and the
// first hunt group is named `Support "Tier 2" \ Night` to exercise escaping.
// The same seed always gives the same org.
GeneratedOrg GenerateOrg(int location_count, uint64_t seed);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_LOCATION_GENERATOR_H_
