#include "poll/targets.h"

namespace webex {

std::vector<LocationTarget> TargetsOf(const Config& config) {
  std::vector<LocationTarget> targets;
  for (const OrgConfig& org : config.orgs) {
    Baseline org_baseline = config.expected.MergedWith(org.expected);
    for (const LocationConfig& location : org.locations) {
      targets.push_back(
          {org.id, location.id,
           location.name.empty() ? location.id : location.name,
           org_baseline.MergedWith(location.expected)});
    }
  }
  return targets;
}

}  // namespace webex
