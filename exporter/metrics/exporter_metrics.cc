#include "metrics/exporter_metrics.h"

namespace webex {
namespace {

prometheus::Gauge& Single(prometheus::Registry& registry, const char* name,
                          const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add(
      {});
}

}  // namespace

ExporterMetrics::ExporterMetrics(prometheus::Registry& registry,
                                 const std::string& version,
                                 const std::string& revision, uint32_t shard,
                                 uint32_t total_shards)
    : poll_duration_(Single(registry, "webex_exporter_poll_duration_seconds",
                            "Length of the last full poll cycle.")),
      last_poll_(Single(registry, "webex_exporter_last_poll_timestamp_seconds",
                        "Unix time the last full poll cycle ended.")),
      reload_ok_(Single(registry,
                        "webex_exporter_config_last_reload_successful",
                        "0 after a rejected configuration reload.")),
      reload_time_(
          Single(registry,
                 "webex_exporter_config_last_reload_success_timestamp_seconds",
                 "Unix time of the last good configuration load.")),
      token_expiry_(prometheus::BuildGauge()
                        .Name("webex_exporter_token_expiry_timestamp_seconds")
                        .Help("Unix time the current access token expires, "
                              "where that is known (OAuth).")
                        .Register(registry)) {
  prometheus::BuildGauge()
      .Name("webex_exporter_build_info")
      .Help("Version and revision the exporter was built from.")
      .Register(registry)
      .Add({{"version", version}, {"revision", revision}})
      .Set(1);
  prometheus::BuildGauge()
      .Name("webex_exporter_shard")
      .Help("Which share of the locations this process polls.")
      .Register(registry)
      .Add({{"shard", std::to_string(shard)},
            {"total_shards", std::to_string(total_shards)}})
      .Set(1);
}

void ExporterMetrics::RecordCycle(double seconds, double finished_unix) {
  poll_duration_.Set(seconds);
  last_poll_.Set(finished_unix);
}

void ExporterMetrics::RecordConfigLoad(bool ok, double now_unix) {
  reload_ok_.Set(ok ? 1 : 0);
  if (ok) reload_time_.Set(now_unix);
}

void ExporterMetrics::SetTokenExpiry(double expires_unix) {
  token_expiry_.Add({}).Set(expires_unix);
}

}  // namespace webex
