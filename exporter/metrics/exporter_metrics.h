#pragma once

#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <string>

namespace webex {

// The webex_exporter_* families that describe the process itself. Owned
// by the registry passed in, which must outlive this. Thread-safe.
class ExporterMetrics {
 public:
  ExporterMetrics(prometheus::Registry& registry, const std::string& version,
                  const std::string& revision, uint32_t shard = 0,
                  uint32_t total_shards = 1);

  void RecordCycle(double seconds, double finished_unix);
  void RecordConfigLoad(bool ok, double now_unix);

  // Sets webex_exporter_token_expiry_timestamp_seconds, which is absent
  // until the first call: a static token's expiry is never known.
  void SetTokenExpiry(double expires_unix);

 private:
  prometheus::Gauge& poll_duration_;
  prometheus::Gauge& last_poll_;
  prometheus::Gauge& reload_ok_;
  prometheus::Gauge& reload_time_;
  prometheus::Family<prometheus::Gauge>& token_expiry_;
};

}  // namespace webex
