#pragma once

#include <prometheus/registry.h>

#include <cstdio>
#include <map>
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

  // The value of the first series of family `name` that carries all of
  // `labels` (a counter's or a gauge's), or -1 when there is none.
  double Value(const std::string& name,
               const std::map<std::string, std::string>& labels = {}) {
    for (const auto& family : registry.Collect()) {
      if (family.name != name) continue;
      for (const auto& metric : family.metric) {
        size_t matched = 0;
        for (const auto& label : metric.label) {
          auto it = labels.find(label.name);
          if (it != labels.end() && it->second == label.value) ++matched;
        }
        if (matched < labels.size()) continue;
        return family.type == prometheus::MetricType::Gauge
                   ? metric.gauge.value
                   : metric.counter.value;
      }
    }
    return -1;
  }

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
