#include "exporter/fake/stop_signal.h"

namespace webex::fake {

void StopSignal::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  woken_.notify_all();
}

bool StopSignal::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

bool StopSignal::SleepFor(std::chrono::milliseconds duration) const {
  std::unique_lock lock(mutex_);
  return !woken_.wait_for(lock, duration, [this] { return stopped_; });
}

}  // namespace webex::fake
