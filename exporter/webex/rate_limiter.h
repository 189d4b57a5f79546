#pragma once

#include <mutex>

#include "util/clock.h"

namespace webex {

// A token bucket of depth one shared by every request of the process: at
// most `per_second` requests start in any one-second window, evenly
// spaced. A 429 or 423 pauses it for everyone. `per_second` 0 means no
// limit. Thread-safe.
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

 private:
  const Clock::duration spacing_;
  mutable std::mutex mutex_;
  Clock::TimePoint next_{};
};

}  // namespace webex
