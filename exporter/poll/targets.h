#pragma once

#include <vector>

#include "config/config.h"
#include "metrics/location_store.h"

namespace webex {

// The locations a configuration asks for, each with its effective
// baseline: top level, then the org's, then the location's own, the most
// specific winning. A location without a name is named by its id.
std::vector<LocationTarget> TargetsOf(const Config& config);

}  // namespace webex
