#include "metrics/exporter_metrics.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <optional>

namespace webex {
namespace {

std::optional<double> TokenExpiry(prometheus::Registry& registry) {
  for (const auto& family : registry.Collect()) {
    if (family.name != "webex_exporter_token_expiry_timestamp_seconds") {
      continue;
    }
    if (family.metric.empty()) return std::nullopt;
    return family.metric[0].gauge.value;
  }
  return std::nullopt;
}

TEST(ExporterMetricsTest, TokenExpiryIsAbsentUntilKnown) {
  prometheus::Registry registry;
  ExporterMetrics metrics(registry, "1.0", "abc");
  EXPECT_EQ(TokenExpiry(registry), std::nullopt);

  metrics.SetTokenExpiry(1.7e9);
  EXPECT_EQ(TokenExpiry(registry), 1.7e9);
  metrics.SetTokenExpiry(1.8e9);
  EXPECT_EQ(TokenExpiry(registry), 1.8e9);
}

}  // namespace
}  // namespace webex
