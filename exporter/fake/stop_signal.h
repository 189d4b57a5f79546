// Tells long-running request handlers that the fake is shutting down.
#ifndef EXPORTER_FAKE_STOP_SIGNAL_H_
#define EXPORTER_FAKE_STOP_SIGNAL_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace webex::fake {

// A one-way flag plus an interruptible sleep: handlers that delay, trickle
// or hang sleep on it, and Stop() wakes them all at once so the server can
// shut down within a fraction of a second.
//
// Thread-safe: any thread may call any method.
class StopSignal {
 public:
  void Stop();

  bool stopped() const;

  // Sleeps for `duration` or until Stop(), whichever comes first. Returns
  // false when woken by Stop().
  bool SleepFor(std::chrono::milliseconds duration) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable woken_;
  bool stopped_ = false;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_STOP_SIGNAL_H_
