#pragma once

#include <map>
#include <vector>

#include "config/config.h"
#include "metrics/location_store.h"
#include "webex/location_lister.h"

namespace webex {

// What discovery found, by the org's index in Config::orgs.
using DiscoveredByOrg = std::map<size_t, std::vector<DiscoveredLocation>>;

// The locations to poll: each org's explicit locations, then those
// discovered for it that pass its include and exclude patterns and are
// not listed already (explicit names and baselines win). Each carries its
// effective baseline: top level, then the org's, then the location's own,
// the most specific winning. A location without a name is named by its id.
std::vector<LocationTarget> TargetsOf(const Config& config,
                                      const DiscoveredByOrg& discovered = {});

}  // namespace webex
