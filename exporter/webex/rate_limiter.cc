#include "webex/rate_limiter.h"

#include <algorithm>

namespace webex {
namespace {

Clock::duration SpacingFor(double per_second) {
  if (per_second <= 0) return Clock::duration::zero();
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / per_second));
}

}  // namespace

RateLimiter::RateLimiter(double per_second)
    : spacing_(SpacingFor(per_second)) {}

Clock::TimePoint RateLimiter::NextSlot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return next_;
}

void RateLimiter::Take(Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  next_ = std::max(next_, now) + spacing_;
}

bool RateLimiter::PauseUntil(Clock::TimePoint until, Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool starts = next_ <= now + spacing_ && until > next_;
  next_ = std::max(next_, until);
  return starts;
}

}  // namespace webex
