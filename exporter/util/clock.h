#pragma once

#include <chrono>

namespace webex {

// The two kinds of time the exporter needs: a monotonic clock for timeouts,
// rate limits and backoff, and wall time for the timestamps it exports.
// Implementations must be safe to call from any thread.
class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;

  virtual ~Clock() = default;

  virtual TimePoint Now() const = 0;
  virtual double UnixSeconds() const = 0;
};

// The real clocks of the machine.
class SystemClock : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::steady_clock::now(); }

  double UnixSeconds() const override {
    using Seconds = std::chrono::duration<double>;
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<Seconds>(since_epoch).count();
  }
};

}  // namespace webex
