#pragma once

#include <mutex>

#include "util/clock.h"

namespace webex {

// A token bucket of depth one shared by every request of the process: at
// most `per_second` requests start in any one-second window, evenly
// spaced. A 429 or 423 pauses it for everyone. A 429 also halves the
// budget (down to a floor of one request every 10 s); each success then
// wins back a tenth of the configured rate, so the budget recovers over
// a few dozen requests. `per_second` 0 means no limit, and then only
// pauses apply. Thread-safe.
class RateLimiter {
 public:
  explicit RateLimiter(double per_second);

  // The earliest time the next request may start.
  Clock::TimePoint NextSlot() const;

  // Claims the slot for a request starting at `now` (>= NextSlot()).
  void Take(Clock::TimePoint now);

  // Lets no request start before `until`. Returns true when this starts a
  // pause (none was running at `now`), so that callers log it once.
  bool PauseUntil(Clock::TimePoint until, Clock::TimePoint now);

  // The API said "too many": halve the budget.
  void Shrink();

  // A request succeeded: grow the budget back toward the configured rate.
  void Recover();

  // Requests per second currently allowed; 0 when there is no limit.
  double CurrentRate() const;

 private:
  Clock::duration SpacingLocked() const;

  const double configured_;  // requests per second; 0: no limit
  mutable std::mutex mutex_;
  double rate_;
  Clock::TimePoint next_{};
};

}  // namespace webex
