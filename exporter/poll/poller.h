#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "log/logger.h"
#include "metrics/exporter_metrics.h"
#include "metrics/location_store.h"
#include "poll/shard.h"
#include "poll/targets.h"
#include "util/clock.h"
#include "webex/call_park_client.h"
#include "webex/token_source.h"

namespace webex {

struct CycleSummary {
  size_t ok = 0;
  size_t failed = 0;
  size_t skipped = 0;        // not polled: the cycle ran out of time (a pause)
  size_t unlisted_orgs = 0;  // whose discovery failed in this cycle
};

// Polls every target on its own thread: a first cycle at Start(), then one
// every poll.interval (give or take the jitter). A cycle never overlaps
// the next: requests not started when the next is due are dropped, their
// locations marked down ("not_polled"), and such a cycle does not count as
// a full one in webex_exporter_last_poll_timestamp_seconds.
// Orgs with discover: true are listed at the first cycle and then every
// poll.discovery_interval; a failed listing keeps the previous list.
// Only the locations of this process's Shard are polled and exported.
// The token comes from the TokenSource at the start of each cycle; requests
// that get a 401 are asked once more with a renewed token (at most one
// renewal a cycle), discovery's included.
// Results go to the LocationStore; logs only on a change of state.
// Borrows everything it is given. SetConfig may be called from any
// thread; RunCycle from one thread at a time, and not while started.
class Poller {
 public:
  Poller(CallParkClient& client, LocationLister& lister, Dispatcher& dispatcher,
         LocationStore& store, ExporterMetrics& metrics, Logger& log,
         const Clock& clock, TokenSource& tokens, PollConfig poll,
         Shard shard = {});
  ~Poller();

  // Takes the orgs, locations and baselines of `config` (its webex, poll
  // and web parts are fixed at construction). It takes effect at the next
  // cycle, which also runs discovery again.
  void SetConfig(const Config& config);

  CycleSummary RunCycle();

  void Start();
  void Stop();  // returns once the thread has ended

  // True once the first cycle has finished.
  bool Ready() const { return ready_; }

 private:
  using Refused = std::vector<std::pair<size_t, SettingsFetch>>;

  void Loop();
  void FailEveryTarget(const TokenProblem& problem, CycleSummary& summary);
  void Poll(std::string token, Clock::TimePoint deadline,
            CycleSummary& summary);
  Refused FetchAndRecord(const std::vector<LocationTarget>& targets,
                         const std::vector<size_t>& which,
                         const std::string& token, Clock::TimePoint deadline,
                         CycleSummary& summary);
  std::optional<std::string> RenewAfter401(const std::string& token,
                                           Clock::TimePoint deadline);
  std::vector<LocationTarget> RefreshTargets(std::string& token,
                                             Clock::TimePoint deadline,
                                             CycleSummary& summary);
  // Returns how many orgs' listings failed.
  size_t Discover(const Config& config, std::string& token,
                  Clock::TimePoint deadline);
  Duration NextWait();
  void Record(const LocationTarget& target, const SettingsFetch& fetch,
              double now, CycleSummary& summary);
  void NoteFailure(const LocationTarget& target, const SettingsFetch& fetch,
                   const std::string& reason);
  void NoteSuccess(const LocationTarget& target);

  CallParkClient& client_;
  LocationLister& lister_;
  Dispatcher& dispatcher_;
  LocationStore& store_;
  ExporterMetrics& metrics_;
  Logger& log_;
  const Clock& clock_;
  TokenSource& tokens_;
  const PollConfig poll_;
  const Shard shard_;

  std::mutex config_mutex_;
  Config config_;
  bool rediscover_ = true;

  // Touched by the polling thread alone.
  DiscoveredByOrg discovered_;
  std::map<size_t, std::string> discovery_failing_;
  Clock::TimePoint next_discovery_{};

  // The reason each failing location last failed with, to log changes of
  // state only. Touched by the polling thread alone.
  std::map<std::string, std::string> failing_;
  bool token_missing_ = false;
  bool renewed_this_cycle_ = false;
  std::mt19937_64 random_{std::random_device{}()};

  std::atomic<bool> ready_{false};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};  // written under wake_mutex_
  std::thread thread_;
};

}  // namespace webex
