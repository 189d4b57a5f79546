#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "unit/support/fake_clock.h"
#include "webex/http.h"

namespace webex::testing {

// An HttpTransport that answers from a script instead of the network.
// Each exchange takes `latency` of fake time; Wait advances the clock to
// the next finish (or by max_wait), so time-based behaviour is exact.
class ScriptedTransport : public HttpTransport {
 public:
  using Answer = std::function<HttpResponse(const HttpRequest&)>;

  ScriptedTransport(FakeClock& clock, Answer answer,
                    Duration latency = Duration(100))
      : clock_(clock), answer_(std::move(answer)), latency_(latency) {}

  void Start(ExchangeId id, const HttpRequest& request) override {
    events_.push_back("start " + request.url);
    started_.push_back({clock_.Now(), request});
    running_.push_back({clock_.Now() + latency_, id, request});
    max_running_ = std::max(max_running_, running_.size());
  }

  Finished Wait(Duration max_wait) override {
    Clock::TimePoint until = clock_.Now() + max_wait;
    Clock::TimePoint next = until;
    for (const auto& r : running_) next = std::min(next, r.done_at);
    if (next > clock_.Now())
      clock_.Advance(std::chrono::duration_cast<Duration>(next - clock_.Now()));

    Finished finished;
    for (auto it = running_.begin(); it != running_.end();) {
      if (it->done_at > clock_.Now()) {
        ++it;
        continue;
      }
      finished.emplace_back(it->id, answer_(it->request));
      it = running_.erase(it);
    }
    return finished;
  }

  void Flush() override { events_.push_back("flush"); }
  void CancelAll() override { running_.clear(); }
  void Wakeup() override {}

  struct Started {
    Clock::TimePoint at;
    HttpRequest request;
  };
  const std::vector<Started>& started() const { return started_; }
  size_t max_running() const { return max_running_; }

  // "start URL" and "flush" in order; a test may add its own with Note.
  const std::vector<std::string>& events() const { return events_; }
  void Note(std::string event) { events_.push_back(std::move(event)); }

 private:
  struct Running {
    Clock::TimePoint done_at;
    ExchangeId id;
    HttpRequest request;
  };

  FakeClock& clock_;
  Answer answer_;
  Duration latency_;
  std::vector<Started> started_;
  std::vector<std::string> events_;
  std::deque<Running> running_;
  size_t max_running_ = 0;
};

inline HttpResponse Status(long status, std::string body = "{}") {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace webex::testing
