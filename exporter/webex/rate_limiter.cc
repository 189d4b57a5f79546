#include "webex/rate_limiter.h"

#include <algorithm>

namespace webex {
namespace {

constexpr double kFloorPerSecond = 0.1;

}  // namespace

RateLimiter::RateLimiter(double per_second)
    : configured_(std::max(0.0, per_second)), rate_(configured_) {}

Clock::duration RateLimiter::SpacingLocked() const {
  if (rate_ <= 0) return Clock::duration::zero();
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / rate_));
}

Clock::TimePoint RateLimiter::NextSlot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return next_;
}

void RateLimiter::Take(Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  next_ = std::max(next_, now) + SpacingLocked();
}

bool RateLimiter::PauseUntil(Clock::TimePoint until, Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool starts = next_ <= now + SpacingLocked() && until > next_;
  next_ = std::max(next_, until);
  return starts;
}

void RateLimiter::Shrink() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (configured_ <= 0) return;
  rate_ = std::max(std::min(kFloorPerSecond, configured_), rate_ / 2);
}

void RateLimiter::Recover() {
  std::lock_guard<std::mutex> lock(mutex_);
  rate_ = std::min(configured_, rate_ + configured_ / 10);
}

double RateLimiter::CurrentRate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rate_;
}

}  // namespace webex
