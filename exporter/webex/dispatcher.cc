#include "webex/dispatcher.h"

#include <algorithm>
#include <deque>
#include <queue>
#include <random>

namespace webex {
namespace {

std::optional<ErrorReason> ReasonFor(const HttpResponse& response) {
  switch (response.error) {
    case TransportError::kNone:
      return ReasonForStatus(response.status);
    case TransportError::kTimeout:
      return ErrorReason::kTimeout;
    case TransportError::kTls:
      return ErrorReason::kTls;
    case TransportError::kTooLarge:
      return ErrorReason::kInvalidPayload;
    case TransportError::kNetwork:
      return ErrorReason::kNetwork;
  }
  return ErrorReason::kNetwork;
}

bool CarriesRetryAfter(ErrorReason reason, long status) {
  return reason == ErrorReason::kRateLimited ||
         reason == ErrorReason::kLocked || status == 503;
}

std::string FormatSeconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

std::string RandomPrefix() {
  std::random_device device;
  std::uniform_int_distribution<uint32_t> pick;
  char text[64];
  std::snprintf(text, sizeof text, "WEBEX-CALLPARK-EXPORTER_%08x",
                pick(device));
  return text;
}

}  // namespace

struct Dispatcher::Batch {
  struct Retry {
    Clock::TimePoint not_before;
    size_t index;
    bool operator>(const Retry& other) const {
      return not_before > other.not_before;
    }
  };

  std::string_view endpoint;
  const std::vector<HttpRequest>& requests;
  Clock::TimePoint deadline;
  const OnDone& on_done;
  std::vector<int> attempts = {};
  std::vector<std::string> sent_tracking_ids = {};
  std::deque<size_t> fresh = {};
  std::vector<bool> running = {};
  std::priority_queue<Retry, std::vector<Retry>, std::greater<Retry>> retries =
      {};
  int in_flight = 0;

  bool Done() const {
    return fresh.empty() && retries.empty() && in_flight == 0;
  }
};

Dispatcher::Dispatcher(HttpTransport& transport, RateLimiter& limiter,
                       RetryPolicy& retry, ApiMetrics& metrics, Logger& log,
                       const Clock& clock, int max_concurrency)
    : transport_(transport),
      limiter_(limiter),
      retry_(retry),
      metrics_(metrics),
      log_(log),
      clock_(clock),
      max_concurrency_(std::max(1, max_concurrency)),
      tracking_prefix_(RandomPrefix()) {}

std::string Dispatcher::NewTrackingId() {
  return tracking_prefix_ + "_" + std::to_string(++sequence_);
}

void Dispatcher::Run(std::string_view endpoint,
                     const std::vector<HttpRequest>& requests,
                     Clock::TimePoint deadline, const OnDone& on_done) {
  Batch batch{endpoint, requests, deadline, on_done};
  batch.attempts.assign(requests.size(), 0);
  batch.sent_tracking_ids.resize(requests.size());
  batch.running.assign(requests.size(), false);
  for (size_t i = 0; i < requests.size(); ++i) batch.fresh.push_back(i);

  while (!batch.Done() && !stopping_) {
    StartDue(batch);
    HttpTransport::Finished finished = transport_.Wait(NextWait(batch));
    for (auto& [id, response] : finished) {
      --batch.in_flight;
      batch.running[id] = false;
    }
    RefillBeforeSettling(batch, finished);
    for (auto& [id, response] : finished) {
      Settle(batch, id, std::move(response));
    }
    if (clock_.Now() >= batch.deadline && batch.in_flight == 0) break;
  }

  auto abandon = [&](size_t index) {
    ExchangeOutcome outcome;
    outcome.abandoned = true;
    outcome.attempts = batch.attempts[index];
    on_done(index, std::move(outcome));
  };
  transport_.CancelAll();
  for (size_t i = 0; i < requests.size(); ++i) {
    if (batch.running[i]) abandon(i);
  }
  for (size_t index : batch.fresh) abandon(index);
  for (; !batch.retries.empty(); batch.retries.pop()) {
    abandon(batch.retries.top().index);
  }
}

void Dispatcher::StartDue(Batch& batch) {
  Clock::TimePoint now = clock_.Now();
  if (now >= batch.deadline) return;
  while (batch.in_flight < max_concurrency_ && limiter_.NextSlot() <= now) {
    size_t index;
    if (!batch.retries.empty() && batch.retries.top().not_before <= now) {
      index = batch.retries.top().index;
      batch.retries.pop();
      metrics_.CountRetry(batch.endpoint);
    } else if (!batch.fresh.empty()) {
      index = batch.fresh.front();
      batch.fresh.pop_front();
    } else {
      return;
    }

    limiter_.Take(now);
    HttpRequest request = batch.requests[index];
    batch.sent_tracking_ids[index] = NewTrackingId();
    request.headers.push_back("TrackingID: " + batch.sent_tracking_ids[index]);
    ++batch.attempts[index];
    ++batch.in_flight;
    batch.running[index] = true;
    transport_.Start(index, request);
  }
}

// Answers tend to come back in rounds, all the requests started together
// finishing together. Settling a round (parsing, storing) takes a few
// milliseconds that every request of the next round would wait for, so
// the freed slots are filled and sent first; over a 100-round cycle that
// was a 4% loss. Only when every answer succeeded: after a failure, a
// 429's Retry-After or a retry must be seen before anything else starts.
void Dispatcher::RefillBeforeSettling(Batch& batch,
                                      const HttpTransport::Finished& finished) {
  if (finished.empty()) return;
  for (const auto& [id, response] : finished) {
    if (ReasonFor(response)) return;
  }
  int before = batch.in_flight;
  StartDue(batch);
  if (batch.in_flight > before) transport_.Flush();
}

void Dispatcher::Settle(Batch& batch, size_t index, HttpResponse response) {
  std::optional<ErrorReason> error = ReasonFor(response);
  if (!error) limiter_.Recover();
  if (error == ErrorReason::kRateLimited) limiter_.Shrink();
  if (response.error == TransportError::kNone) {
    metrics_.CountResponse(batch.endpoint, response.status,
                           response.elapsed.count());
  }
  if (error) metrics_.CountError(batch.endpoint, *error);

  std::optional<Duration> asked;
  if (error && CarriesRetryAfter(*error, response.status)) {
    asked = ParseRetryAfter(response.retry_after, clock_.UnixSeconds());
    if (asked) {
      Duration wait = retry_.ClampRetryAfter(*asked);
      double seconds = wait.count() / 1000.0;
      metrics_.SetRetryAfter(seconds);
      if (limiter_.PauseUntil(clock_.Now() + wait, clock_.Now())) {
        log_.Warn("api asked to wait; pausing every request",
                  {{"endpoint", std::string(batch.endpoint)},
                   {"status", std::to_string(response.status)},
                   {"retry_after_seconds", FormatSeconds(seconds)},
                   {"tracking_id", response.tracking_id}});
      }
    }
  }

  std::optional<Duration> delay;
  if (error) delay = retry_.Delay(*error, batch.attempts[index], asked);
  Clock::TimePoint retry_at = clock_.Now() + delay.value_or(Duration(0));
  if (delay && retry_at < batch.deadline && !stopping_) {
    batch.retries.push({retry_at, index});
    return;
  }

  ExchangeOutcome outcome;
  outcome.error = error;
  outcome.attempts = batch.attempts[index];
  outcome.tracking_id = response.tracking_id.empty()
                            ? batch.sent_tracking_ids[index]
                            : response.tracking_id;
  outcome.response = std::move(response);
  batch.on_done(index, std::move(outcome));
}

Duration Dispatcher::NextWait(const Batch& batch) const {
  constexpr Duration kMaxWait = std::chrono::milliseconds(200);
  Clock::TimePoint now = clock_.Now();
  Clock::TimePoint wake = now + kMaxWait;
  bool slot_free = batch.in_flight < max_concurrency_;
  if (slot_free && !batch.fresh.empty()) {
    wake = std::min(wake, limiter_.NextSlot());
  }
  if (slot_free && !batch.retries.empty()) {
    wake = std::min(
        wake, std::max(batch.retries.top().not_before, limiter_.NextSlot()));
  }
  auto wait = std::chrono::duration_cast<Duration>(wake - now);
  return std::max(Duration(0), wait);
}

void Dispatcher::Stop() {
  stopping_ = true;
  transport_.Wakeup();
}

}  // namespace webex
