#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "log/logger.h"
#include "metrics/api_metrics.h"
#include "util/clock.h"
#include "webex/error_reason.h"
#include "webex/http.h"
#include "webex/rate_limiter.h"
#include "webex/retry_policy.h"

namespace webex {

// The final word on one request after every attempt it was allowed.
struct ExchangeOutcome {
  HttpResponse response;             // of the last attempt
  std::optional<ErrorReason> error;  // nullopt: a 2xx arrived
  std::string tracking_id;           // the API's, else the one we sent
  int attempts = 0;
  bool abandoned = false;  // never finished: the deadline or a stop came
};

// Drives a batch of requests through a transport: at most
// `max_concurrency` at once, each start paid for from the shared rate
// limiter, failures retried as the RetryPolicy says, every attempt
// counted in ApiMetrics. A request only starts its timeout once it holds
// a connection slot and a rate slot. A Retry-After pauses every request;
// the start of each pause is logged at warn. Borrows everything it is given;
// one thread calls Run at a time, Stop() may come from any thread.
class Dispatcher {
 public:
  using OnDone = std::function<void(size_t index, ExchangeOutcome outcome)>;

  Dispatcher(HttpTransport& transport, RateLimiter& limiter, RetryPolicy& retry,
             ApiMetrics& metrics, Logger& log, const Clock& clock,
             int max_concurrency);

  // Runs every request to its outcome, calling `on_done` on this thread as
  // each one ends. Retries that would start after `deadline` are not
  // made; requests not started by then end abandoned.
  void Run(std::string_view endpoint, const std::vector<HttpRequest>& batch,
           Clock::TimePoint deadline, const OnDone& on_done);

  // Makes a Run in progress end soon, and every later one at once, each
  // unfinished request abandoned. For shutdown.
  void Stop();

  // Whether Stop() was called: what a Run abandons after it is no fault
  // of the API, and its callers need not warn of it.
  bool stopped() const { return stopping_; }

 private:
  struct Batch;

  void StartDue(Batch& batch);
  void RefillBeforeSettling(Batch& batch,
                            const HttpTransport::Finished& finished);
  void Settle(Batch& batch, size_t index, HttpResponse response);
  Duration NextWait(const Batch& batch) const;
  std::string NewTrackingId();

  HttpTransport& transport_;
  RateLimiter& limiter_;
  RetryPolicy& retry_;
  ApiMetrics& metrics_;
  Logger& log_;
  const Clock& clock_;
  const int max_concurrency_;
  std::atomic<bool> stopping_{false};
  uint64_t sequence_ = 0;
  const std::string tracking_prefix_;
};

}  // namespace webex
