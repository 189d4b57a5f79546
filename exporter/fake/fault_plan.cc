#include "exporter/fake/fault_plan.h"

#include <iterator>

namespace webex::fake {

std::string FaultPlan::AllLocationsScope() { return "settings"; }

std::string FaultPlan::LocationScope(std::string_view location_id) {
  return "settings/" + std::string(location_id);
}

std::string FaultPlan::EndpointScope(std::string_view endpoint) {
  return "endpoint/" + std::string(endpoint);
}

void FaultPlan::Set(const std::string& scope, std::vector<FaultStep> steps) {
  std::lock_guard lock(mutex_);
  steps_[scope] = std::deque<FaultStep>(std::make_move_iterator(steps.begin()),
                                        std::make_move_iterator(steps.end()));
}

void FaultPlan::Clear(const std::string& scope) {
  std::lock_guard lock(mutex_);
  steps_.erase(scope);
}

std::optional<FaultStep> FaultPlan::Take(
    const std::vector<std::string>& scopes) {
  std::lock_guard lock(mutex_);
  for (const std::string& scope : scopes) {
    auto found = steps_.find(scope);
    if (found == steps_.end() || found->second.empty()) continue;

    FaultStep step = std::move(found->second.front());
    found->second.pop_front();
    return step;
  }
  return std::nullopt;
}

}  // namespace webex::fake
