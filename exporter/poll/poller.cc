#include "poll/poller.h"

#include <numeric>
#include <variant>

#include "webex/validation.h"

namespace webex {
namespace {

std::string Join(const std::vector<std::string_view>& parts) {
  std::string joined;
  for (std::string_view part : parts) {
    if (!joined.empty()) joined += ',';
    joined += part;
  }
  return joined;
}

}  // namespace

Poller::Poller(CallParkClient& client, LocationLister& lister,
               Dispatcher& dispatcher, LocationStore& store,
               ExporterMetrics& metrics, Logger& log, const Clock& clock,
               TokenSource& tokens, PollConfig poll, Shard shard)
    : client_(client),
      lister_(lister),
      dispatcher_(dispatcher),
      store_(store),
      metrics_(metrics),
      log_(log),
      clock_(clock),
      tokens_(tokens),
      poll_(poll),
      shard_(shard) {}

Poller::~Poller() { Stop(); }

void Poller::SetConfig(const Config& config) {
  std::lock_guard<std::mutex> lock(config_mutex_);
  config_ = config;
  rediscover_ = true;
  // The store follows at the next cycle, after discovery has run again:
  // changing it here would drop discovered locations, history and all.
}

std::vector<LocationTarget> Poller::RefreshTargets(std::string& token,
                                                   Clock::TimePoint deadline,
                                                   CycleSummary& summary) {
  Config config;
  bool rediscover = false;
  {
    std::lock_guard<std::mutex> lock(config_mutex_);
    config = config_;
    rediscover = rediscover_;
    rediscover_ = false;
  }
  if (rediscover) discovered_.clear();
  if (rediscover || clock_.Now() >= next_discovery_) {
    summary.unlisted_orgs = Discover(config, token, deadline);
    next_discovery_ = clock_.Now() + poll_.discovery_interval;
  }
  std::vector<LocationTarget> targets = TargetsOf(config, discovered_);
  std::erase_if(targets, [&](const LocationTarget& target) {
    return !shard_.Owns(target.location_id);
  });
  store_.SetTargets(targets);
  return targets;
}

size_t Poller::Discover(const Config& config, std::string& token,
                        Clock::TimePoint deadline) {
  size_t failed = 0;
  for (size_t i = 0; i < config.orgs.size(); ++i) {
    if (!config.orgs[i].discover) continue;
    ListResult result = lister_.List(config.orgs[i].id, token, deadline);
    auto* refused = std::get_if<ListFailure>(&result);
    if (refused && refused->reason == ErrorReason::kUnauthorized) {
      if (std::optional<std::string> fresh = RenewAfter401(token, deadline)) {
        token = *fresh;
        result = lister_.List(config.orgs[i].id, token, deadline);
      }
    }

    if (auto* failure = std::get_if<ListFailure>(&result)) {
      if (stopping_) return failed;  // cut short by shutdown: not a failure
      ++failed;
      std::string reason(ReasonName(failure->reason));
      auto [it, first] = discovery_failing_.try_emplace(i, reason);
      if (first || it->second != reason) {
        it->second = reason;
        log_.Warn("location discovery failing",
                  {{"org_id", config.orgs[i].id},
                   {"status", std::to_string(failure->status)},
                   {"reason", reason},
                   {"tracking_id", failure->tracking_id},
                   {"err", failure->detail}});
      }
      continue;
    }
    auto& found = std::get<std::vector<DiscoveredLocation>>(result);
    bool recovered = discovery_failing_.erase(i) > 0;
    if (recovered || found.size() != discovered_[i].size()) {
      log_.Info("locations discovered",
                {{"org_id", config.orgs[i].id},
                 {"locations", std::to_string(found.size())}});
    }
    discovered_[i] = std::move(found);
  }
  return failed;
}

CycleSummary Poller::RunCycle() {
  Clock::TimePoint started = clock_.Now();
  Clock::TimePoint deadline = started + poll_.interval;
  CycleSummary summary;
  TokenResult token = tokens_.Current(deadline);
  if (auto* problem = std::get_if<TokenProblem>(&token)) {
    // A renewal cut short by shutdown is no missing token.
    if (!stopping_) FailEveryTarget(*problem, summary);
  } else {
    if (token_missing_) log_.Info("token readable again");
    token_missing_ = false;
    Poll(std::get<std::string>(std::move(token)), deadline, summary);
  }

  std::chrono::duration<double> took = clock_.Now() - started;
  if (summary.skipped == 0) {
    metrics_.RecordCycle(took.count(), clock_.UnixSeconds());
  }
  ready_ = true;
  log_.Debug("poll cycle finished",
             {{"ok", std::to_string(summary.ok)},
              {"failed", std::to_string(summary.failed)},
              {"skipped", std::to_string(summary.skipped)},
              {"seconds", std::to_string(took.count())}});
  return summary;
}

void Poller::FailEveryTarget(const TokenProblem& problem,
                             CycleSummary& summary) {
  if (!token_missing_) log_.Error("no token", {{"err", problem.message}});
  token_missing_ = true;
  std::vector<LocationTarget> targets;
  {
    std::lock_guard<std::mutex> lock(config_mutex_);
    targets = TargetsOf(config_, discovered_);
  }
  for (const LocationTarget& target : targets) {
    store_.RecordFailure(target.location_id);
  }
  summary.failed = targets.size();
}

void Poller::Poll(std::string token, Clock::TimePoint deadline,
                  CycleSummary& summary) {
  renewed_this_cycle_ = false;
  std::vector<LocationTarget> targets =
      RefreshTargets(token, deadline, summary);
  std::vector<size_t> all(targets.size());
  std::iota(all.begin(), all.end(), 0);
  Refused refused = FetchAndRecord(targets, all, token, deadline, summary);
  if (refused.empty()) return;

  // The token may have expired or been revoked since the cycle began:
  // those locations get one more try with a renewed token.
  if (std::optional<std::string> fresh = RenewAfter401(token, deadline)) {
    std::vector<size_t> again;
    for (const auto& [index, fetch] : refused) again.push_back(index);
    refused = FetchAndRecord(targets, again, *fresh, deadline, summary);
  }
  for (const auto& [index, fetch] : refused) {
    Record(targets[index], fetch, clock_.UnixSeconds(), summary);
  }
}

// Records every result but the 401s, which it returns with their index.
Poller::Refused Poller::FetchAndRecord(
    const std::vector<LocationTarget>& targets,
    const std::vector<size_t>& which, const std::string& token,
    Clock::TimePoint deadline, CycleSummary& summary) {
  std::vector<LocationRef> refs;
  for (size_t index : which) {
    refs.push_back({targets[index].org_id, targets[index].location_id});
  }
  Refused refused;
  client_.FetchAll(refs, token, deadline, [&](size_t i, SettingsFetch fetch) {
    if (fetch.error == ErrorReason::kUnauthorized) {
      refused.emplace_back(which[i], std::move(fetch));
      return;
    }
    Record(targets[which[i]], fetch, clock_.UnixSeconds(), summary);
  });
  return refused;
}

std::optional<std::string> Poller::RenewAfter401(const std::string& token,
                                                 Clock::TimePoint deadline) {
  // One renewal a cycle: a token refused straight after its renewal would
  // be refused again, and the API must not be hammered.
  if (renewed_this_cycle_) return std::nullopt;
  renewed_this_cycle_ = true;
  return tokens_.Renewed(token, deadline);
}

void Poller::Record(const LocationTarget& target, const SettingsFetch& fetch,
                    double now, CycleSummary& summary) {
  if (fetch.abandoned) {
    ++summary.skipped;
    // Cut short because the exporter is exiting: nothing to warn of.
    if (stopping_) return;
    store_.RecordFailure(target.location_id);
    NoteFailure(target, fetch, "not_polled");
    return;
  }
  if (!fetch.settings) {
    store_.RecordFailure(target.location_id);
    NoteFailure(target, fetch, std::string(ReasonName(*fetch.error)));
    ++summary.failed;
    return;
  }

  std::vector<std::string_view> changed =
      store_.RecordSuccess(target.location_id, *fetch.settings, now);
  store_.CountWarnings(target.location_id,
                       UndocumentedSettings(*fetch.settings));
  NoteSuccess(target);
  if (!changed.empty()) {
    log_.Info("settings changed", {{"location_id", target.location_id},
                                   {"location", target.name},
                                   {"settings", Join(changed)}});
  }
  ++summary.ok;
}

void Poller::NoteFailure(const LocationTarget& target,
                         const SettingsFetch& fetch,
                         const std::string& reason) {
  auto [it, first] = failing_.try_emplace(target.location_id, reason);
  if (!first && it->second == reason) return;
  it->second = reason;

  log_.Warn("location poll failing", {{"location_id", target.location_id},
                                      {"location", target.name},
                                      {"status", std::to_string(fetch.status)},
                                      {"reason", reason},
                                      {"tracking_id", fetch.tracking_id},
                                      {"err", fetch.detail}});
}

void Poller::NoteSuccess(const LocationTarget& target) {
  if (failing_.erase(target.location_id) == 0) return;
  log_.Info("location poll recovered",
            {{"location_id", target.location_id}, {"location", target.name}});
}

Duration Poller::NextWait() {
  double spread = poll_.jitter / 2;
  std::uniform_real_distribution<double> pick(1 - spread, 1 + spread);
  return Duration(static_cast<int64_t>(poll_.interval.count() * pick(random_)));
}

void Poller::Loop() {
  for (;;) {
    Clock::TimePoint started = clock_.Now();
    RunCycle();

    std::unique_lock<std::mutex> lock(wake_mutex_);
    Clock::TimePoint next = started + NextWait();
    auto left = std::chrono::duration_cast<Duration>(next - clock_.Now());
    wake_.wait_for(lock, std::max(Duration(0), left),
                   [&] { return stopping_.load(); });
    if (stopping_) return;
  }
}

void Poller::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Poller::Stop() {
  {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  dispatcher_.Stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace webex
