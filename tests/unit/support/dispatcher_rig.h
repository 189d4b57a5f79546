#pragma once

#include <prometheus/registry.h>

#include <cstdio>
#include <string>

#include "unit/support/captured_file.h"
#include "unit/support/scripted_transport.h"
#include "webex/dispatcher.h"

namespace webex::testing {

// A Dispatcher over a ScriptedTransport, with everything it borrows, on a
// fake clock; the retry policy's jitter is seeded.
struct DispatcherRig {
  struct Options {
    int concurrency = 4;
    double per_second = 0;
    int max_retries = 3;
  };

  explicit DispatcherRig(ScriptedTransport::Answer answer)
      : DispatcherRig(std::move(answer), Options{}) {}

  DispatcherRig(ScriptedTransport::Answer answer, Options options)
      : transport(clock, std::move(answer)),
        limiter(options.per_second),
        retry(RetryPolicy::Limits{.max_retries = options.max_retries}, 42),
        metrics(registry),
        log(LogLevel::kDebug, LogFormat::kLogfmt, log_file.file()),
        dispatcher(transport, limiter, retry, metrics, log, clock,
                   options.concurrency) {}

  // Everything logged so far.
  std::string Logged() { return log_file.Text(); }

  FakeClock clock;
  prometheus::Registry registry;
  ScriptedTransport transport;
  RateLimiter limiter;
  RetryPolicy retry;
  ApiMetrics metrics;
  CapturedFile log_file;
  Logger log;
  Dispatcher dispatcher;
};

}  // namespace webex::testing
