#include "poll/targets.h"

#include <memory>
#include <set>

#include "config/name_pattern.h"

namespace webex {
namespace {

// An org's include and exclude patterns, compiled once per call rather
// than once per discovered location (TargetsOf runs every cycle). The
// loader has checked that both compile.
class NameFilter {
 public:
  explicit NameFilter(const OrgConfig& org) {
    if (!org.include.empty()) include_ = CompileNamePattern(org.include);
    if (!org.exclude.empty()) exclude_ = CompileNamePattern(org.exclude);
  }

  bool Passes(const std::string& name) const {
    if (include_ && !re2::RE2::PartialMatch(name, *include_)) return false;
    return !exclude_ || !re2::RE2::PartialMatch(name, *exclude_);
  }

 private:
  std::unique_ptr<re2::RE2> include_;
  std::unique_ptr<re2::RE2> exclude_;
};

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
    NameFilter filter(org);
    for (const DiscoveredLocation& location : found->second) {
      if (!filter.Passes(location.name)) continue;
      if (!seen.insert(location.id).second) continue;
      targets.push_back({org.id, location.id, location.name, org_baseline});
    }
  }
  return targets;
}

}  // namespace webex
