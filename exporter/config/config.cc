#include "config/config.h"

namespace webex {
namespace {

template <typename T>
void Override(std::optional<T>& field, const std::optional<T>& specific) {
  if (specific) field = specific;
}

}  // namespace

Baseline Baseline::MergedWith(const Baseline& specific) const {
  Baseline merged = *this;
  Override(merged.recall_time, specific.recall_time);
  Override(merged.hunt_wait_time, specific.hunt_wait_time);
  Override(merged.option, specific.option);
  Override(merged.ring_pattern, specific.ring_pattern);
  Override(merged.hunt_group_id, specific.hunt_group_id);
  return merged;
}

}  // namespace webex
