#pragma once

#include <atomic>

#include "util/clock.h"

namespace webex::testing {

// A clock that moves only when told to.
class FakeClock : public Clock {
 public:
  TimePoint Now() const override { return TimePoint(Duration(now_ms_)); }
  double UnixSeconds() const override {
    return 1.7e9 + static_cast<double>(now_ms_) / 1000.0;
  }
  void Advance(Duration by) { now_ms_ += by.count(); }

 private:
  using Duration = std::chrono::milliseconds;
  std::atomic<int64_t> now_ms_{1000000};
};

}  // namespace webex::testing
