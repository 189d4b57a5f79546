#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <string>
#include <string_view>

#include "webex/error_reason.h"

namespace webex {

// The `endpoint` label values.
inline constexpr std::string_view kCallParkSettingsEndpoint =
    "callpark_settings";
inline constexpr std::string_view kLocationsEndpoint = "locations";
inline constexpr std::string_view kAccessTokenEndpoint = "access_token";

// The webex_api_* families: what the client saw of the API. Owned by the
// registry passed in, which must outlive this object. Thread-safe, as
// prometheus-cpp's families are.
class ApiMetrics {
 public:
  explicit ApiMetrics(prometheus::Registry& registry);

  // Creates the series of `endpoint` at zero, so that rates and ratios
  // exist before the first failure.
  void Declare(std::string_view endpoint);

  void CountResponse(std::string_view endpoint, long status, double seconds);
  void CountError(std::string_view endpoint, ErrorReason reason);
  void CountRetry(std::string_view endpoint);
  void SetRetryAfter(double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Family<prometheus::Histogram>& durations_;
  prometheus::Family<prometheus::Counter>& retries_;
  prometheus::Gauge& retry_after_;
};

}  // namespace webex
