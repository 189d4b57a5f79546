#include "metrics/api_metrics.h"

namespace webex {
namespace {

const prometheus::Histogram::BucketBoundaries& DurationBuckets() {
  static const prometheus::Histogram::BucketBoundaries buckets = {
      0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return buckets;
}

std::string Str(std::string_view text) { return std::string(text); }

}  // namespace

ApiMetrics::ApiMetrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("webex_api_requests_total")
                    .Help("Completed HTTP exchanges with the Webex API, by "
                          "endpoint and status code.")
                    .Register(registry)),
      errors_(prometheus::BuildCounter()
                  .Name("webex_api_errors_total")
                  .Help("Failed attempts against the Webex API, by "
                        "endpoint and reason.")
                  .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("webex_api_request_duration_seconds")
                     .Help("Time per HTTP exchange with the Webex API.")
                     .Register(registry)),
      retries_(prometheus::BuildCounter()
                   .Name("webex_api_retries_total")
                   .Help("Attempts that repeated a failed request.")
                   .Register(registry)),
      retry_after_(prometheus::BuildGauge()
                       .Name("webex_api_retry_after_seconds")
                       .Help("The last Retry-After the Webex API asked for.")
                       .Register(registry)
                       .Add({})) {}

void ApiMetrics::Declare(std::string_view endpoint) {
  for (ErrorReason reason : kAllErrorReasons) {
    errors_.Add(
        {{"endpoint", Str(endpoint)}, {"reason", Str(ReasonName(reason))}});
  }
  retries_.Add({{"endpoint", Str(endpoint)}});
  durations_.Add({{"endpoint", Str(endpoint)}}, DurationBuckets());
}

void ApiMetrics::CountResponse(std::string_view endpoint, long status,
                               double seconds) {
  requests_.Add({{"endpoint", Str(endpoint)}, {"code", std::to_string(status)}})
      .Increment();
  durations_.Add({{"endpoint", Str(endpoint)}}, DurationBuckets())
      .Observe(seconds);
}

void ApiMetrics::CountError(std::string_view endpoint, ErrorReason reason) {
  errors_
      .Add({{"endpoint", Str(endpoint)}, {"reason", Str(ReasonName(reason))}})
      .Increment();
}

void ApiMetrics::CountRetry(std::string_view endpoint) {
  retries_.Add({{"endpoint", Str(endpoint)}}).Increment();
}

void ApiMetrics::SetRetryAfter(double seconds) { retry_after_.Set(seconds); }

}  // namespace webex
