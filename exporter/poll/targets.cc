#include "poll/targets.h"

#include <regex>
#include <set>

namespace webex {
namespace {

bool Passes(const OrgConfig& org, const std::string& name) {
  // The loader has checked that both patterns compile.
  if (!org.include.empty() &&
      !std::regex_search(name, std::regex(org.include))) {
    return false;
  }
  return org.exclude.empty() ||
         !std::regex_search(name, std::regex(org.exclude));
}

}  // namespace

std::vector<LocationTarget> TargetsOf(const Config& config,
                                      const DiscoveredByOrg& discovered) {
  std::vector<LocationTarget> targets;
  std::set<std::string> seen;
  for (size_t i = 0; i < config.orgs.size(); ++i) {
    const OrgConfig& org = config.orgs[i];
    Baseline org_baseline = config.expected.MergedWith(org.expected);
    for (const LocationConfig& location : org.locations) {
      seen.insert(location.id);
      targets.push_back({org.id, location.id,
                         location.name.empty() ? location.id : location.name,
                         org_baseline.MergedWith(location.expected)});
    }

    auto found = discovered.find(i);
    if (found == discovered.end()) continue;
    for (const DiscoveredLocation& location : found->second) {
      if (!Passes(org, location.name)) continue;
      if (!seen.insert(location.id).second) continue;
      targets.push_back({org.id, location.id, location.name, org_baseline});
    }
  }
  return targets;
}

}  // namespace webex
