// The exporter binary against the bundled fake Webex API, both on
// loopback port 0: what a user gets from a real run.

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "exporter/fake/fake_webex_api.h"
#include "exporter_process.h"
#include "fake/http_client.h"
#include "integration_support.h"
#include "webex/call_park_client.h"
#include "webex/settings_parser.h"

namespace webex {
namespace {

using testing::ExporterProcess;
using testing::HasLine;
using testing::HttpCall;
using testing::RunExporter;
using testing::RunResult;
using testing::ScrapeWhenReady;
using namespace std::chrono_literals;

const char* kToken = "integration-secret-token-9f8e7d";

struct FakeLocation {
  std::string id;
  std::string name;
  CallParkSettings settings;
};

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

class ExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("webex-it-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "token") << kToken << "\n";

    fake::FakeOptions options;
    options.tokens = {kToken};
    options.locations = 4;
    options.threads = 16;
    fake_ = std::make_unique<fake::FakeWebexApi>(options);
    fake_->Start();
    locations_ = ReadFakeLocations();
    ASSERT_EQ(locations_.size(), 4u);
  }

  void TearDown() override {
    fake_->Stop();
    std::filesystem::remove_all(dir_);
  }

  std::vector<FakeLocation> ReadFakeLocations() {
    auto reply =
        HttpCall("GET", "http://" + fake_->host_port() + "/_fake/locations");
    simdjson::ondemand::parser parser;
    simdjson::padded_string json(reply.body);
    std::vector<FakeLocation> out;
    SettingsParser settings_parser;
    simdjson::ondemand::document doc = parser.iterate(json);
    for (simdjson::ondemand::object item : doc.get_array()) {
      FakeLocation location;
      location.id = std::string(std::string_view(item["id"]));
      location.name = std::string(std::string_view(item["name"]));
      simdjson::ondemand::object settings = item["settings"];
      std::string_view raw = settings.raw_json();
      location.settings =
          std::get<CallParkSettings>(settings_parser.Parse(raw));
      out.push_back(std::move(location));
    }
    return out;
  }

  // A config naming every fake location; `extra` is appended verbatim.
  std::string WriteConfig(const std::string& extra = "",
                          const std::string& name = "exporter.yaml") {
    std::ostringstream yaml;
    yaml << "webex:\n  base_url: " << fake_->base_url()
         << "\n  token_file: " << (dir_ / "token").string()
         << "\n  timeout: 2s\n  requests_per_second: 0\n"
         << "  max_retries: 1\n"
         << "poll:\n  interval: 1s\n  jitter: 0%\n"
         << "orgs:\n  - id: " << fake_->org_id() << "\n    locations:\n";
    for (const auto& location : locations_) {
      yaml << "      - id: \"" << location.id << "\"\n";
    }
    yaml << extra;
    std::string path = (dir_ / name).string();
    std::ofstream(path) << yaml.str();
    return path;
  }

  std::string Labels(const FakeLocation& location) {
    // Names are not in the config, so the exporter names each by its id.
    return "{org_id=\"" + fake_->org_id() + "\",location_id=\"" + location.id +
           "\",location=\"" + EscapeLabel(location.id) + "\"";
  }

  void Fault(const FakeLocation& location, const std::string& steps) {
    auto reply = HttpCall("POST",
                          "http://" + fake_->host_port() + "/_fake/locations/" +
                              UrlEncode(location.id) + "/faults",
                          steps);
    ASSERT_EQ(reply.status, 200) << reply.body;
  }

  std::filesystem::path dir_;
  std::unique_ptr<fake::FakeWebexApi> fake_;
  std::vector<FakeLocation> locations_;
};

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) ++lines;
  return lines;
}

TEST_F(ExporterTest, ScrapeShowsEveryLocationValueByValue) {
  ExporterProcess exporter(
      {"--config", WriteConfig(), "--web.listen-address", "127.0.0.1:0"},
      dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string text = ScrapeWhenReady(*port);

  for (const FakeLocation& l : locations_) {
    SCOPED_TRACE(l.name);
    const CallParkSettings& s = l.settings;
    std::string labels = Labels(l);
    EXPECT_TRUE(HasLine(text, "webex_callpark_recall_time_seconds" + labels +
                                  "} " + std::to_string(s.recall_time)));
    EXPECT_TRUE(HasLine(text, "webex_callpark_hunt_wait_time_seconds" + labels +
                                  "} " + std::to_string(s.hunt_wait_time)));
    EXPECT_TRUE(HasLine(text, "webex_callpark_recall_option" + labels +
                                  ",option=\"" + s.option + "\"} 1"));
    EXPECT_TRUE(HasLine(text, "webex_callpark_ring_pattern" + labels +
                                  ",ring_pattern=\"" + s.ring_pattern +
                                  "\"} 1"));
    EXPECT_TRUE(
        HasLine(text, "webex_callpark_settings_info" + labels + ",option=\"" +
                          s.option + "\",ring_pattern=\"" + s.ring_pattern +
                          "\",hunt_group_id=\"" + EscapeLabel(s.hunt_group_id) +
                          "\",hunt_group_name=\"" +
                          EscapeLabel(s.hunt_group_name) + "\"} 1"));
    EXPECT_TRUE(HasLine(text, "webex_callpark_up" + labels + "} 1"));
  }
  EXPECT_TRUE(HasLine(text, "webex_exporter_locations{state=\"ok\"} 4"));
  EXPECT_NE(text.find("webex_api_requests_total{code=\"200\",endpoint=\""
                      "callpark_settings\"}"),
            std::string::npos);
  EXPECT_NE(text.find("webex_exporter_build_info{"), std::string::npos);
  EXPECT_TRUE(
      HasLine(text, "webex_exporter_shard{shard=\"0\",total_shards=\"1\"} 1"));

  exporter.Signal(SIGTERM);
  EXPECT_EQ(exporter.Wait(5s), 0);
}

TEST_F(ExporterTest, ScrapePassesPromtool) {
  ExporterProcess exporter(
      {"--config", WriteConfig(), "--web.listen-address", "127.0.0.1:0"},
      dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string scrape_file = (dir_ / "scrape.prom").string();
  std::ofstream(scrape_file) << ScrapeWhenReady(*port);

  std::string command = std::string(WEBEX_PROMTOOL) + " check metrics < " +
                        scrape_file + " > " + scrape_file + ".out 2>&1";
  int code = std::system(command.c_str());
  std::ifstream report(scrape_file + ".out");
  std::stringstream said;
  said << report.rdbuf();
  EXPECT_EQ(code, 0) << said.str();
  EXPECT_EQ(said.str(), "");
}

// The name and labels of every sample in `text`, without the values.
std::set<std::string> SeriesOf(const std::string& text) {
  std::set<std::string> series;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') {
      series.insert(line.substr(0, line.rfind(' ')));
    }
  }
  return series;
}

TEST_F(ExporterTest, GzipScrapeDecodesToTheSameSeriesAsAPlainOne) {
  ExporterProcess exporter(
      {"--config", WriteConfig(), "--web.listen-address", "127.0.0.1:0"},
      dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::set<std::string> plain = SeriesOf(ScrapeWhenReady(*port));
  ASSERT_GT(plain.size(), 4u * 20);

  fake::testing::HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(*port) + "/metrics";
  request.accept_encoding = "gzip";
  request.timeout = 5s;
  for (int scrape = 0; scrape < 3; ++scrape) {  // later ones from the cache
    SCOPED_TRACE(scrape);
    fake::testing::HttpResult packed = fake::testing::Send(request);
    EXPECT_EQ(packed.status, 200);
    EXPECT_EQ(packed.headers["content-encoding"], "gzip");
    EXPECT_EQ(SeriesOf(packed.body), plain);  // as curl decoded it
  }

  exporter.Signal(SIGTERM);
  EXPECT_EQ(exporter.Wait(5s), 0);
}

TEST_F(ExporterTest, ScrapePassesPromtoolWhileEveryLocationFails) {
  Fault(locations_[0], R"([{"status":500},{"status":500}])");
  Fault(locations_[1], R"([{"status":401}])");
  Fault(locations_[2], R"([{"body":"<html>proxy error</html>"}])");
  Fault(locations_[3], R"([{"status":404}])");
  RunResult run =
      RunExporter({"--config", WriteConfig(), "--once"}, dir_.string(), 20s);
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_TRUE(
      HasLine(run.out, "webex_exporter_locations{state=\"failing\"} 4"));

  std::string scrape_file = (dir_ / "failing.prom").string();
  std::ofstream(scrape_file) << run.out;
  std::string command = std::string(WEBEX_PROMTOOL) + " check metrics < " +
                        scrape_file + " > " + scrape_file + ".out 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::ifstream report(scrape_file + ".out");
  std::stringstream said;
  said << report.rdbuf();
  EXPECT_EQ(said.str(), "");
}

TEST_F(ExporterTest, FailingLocationIsCountedAndOthersCarryOn) {
  Fault(locations_[1], R"([{"status":503,"body":"<html>down</html>"},)"
                       R"({"status":503,"body":"<html>down</html>"}])");
  Fault(locations_[2], R"([{"body":"{\"callParkRecall\": nope"}])");
  RunResult run =
      RunExporter({"--config", WriteConfig(), "--once"}, dir_.string(), 20s);
  ASSERT_EQ(run.code, 0) << run.err;
  std::string text = run.out;

  EXPECT_TRUE(
      HasLine(text, "webex_callpark_up" + Labels(locations_[0]) + "} 1"));
  EXPECT_TRUE(
      HasLine(text, "webex_callpark_up" + Labels(locations_[1]) + "} 0"));
  EXPECT_TRUE(
      HasLine(text, "webex_callpark_up" + Labels(locations_[2]) + "} 0"));
  EXPECT_TRUE(HasLine(text,
                      "webex_api_errors_total{endpoint=\""
                      "callpark_settings\",reason=\"server_error\"} 2"));
  EXPECT_TRUE(HasLine(text,
                      "webex_api_errors_total{endpoint=\""
                      "callpark_settings\",reason=\"invalid_json\"} 1"));
  EXPECT_TRUE(HasLine(text,
                      "webex_api_retries_total{endpoint=\""
                      "callpark_settings\"} 1"));
  EXPECT_TRUE(HasLine(text, "webex_exporter_locations{state=\"failing\"} 2"));
  // One warn line per failing location, with the status and reason.
  EXPECT_NE(run.err.find("level=warn msg=\"location poll failing\" "
                         "location_id=" +
                         locations_[1].id),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("reason=server_error"), std::string::npos);
  EXPECT_NE(run.err.find("reason=invalid_json"), std::string::npos);
}

TEST_F(ExporterTest, ALongRetryAfterMarksUnpolledLocationsDown) {
  Fault(locations_[0], R"([{"status":429,"headers":{"Retry-After":"60"}}])");
  std::string path = WriteConfig();
  std::string yaml;
  {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    yaml = text.str();
  }
  // One request at a time and a 2 s cycle: the pause outlasts the cycle.
  yaml.replace(yaml.find("  timeout: 2s\n"), 13,
               "  timeout: 2s\n  max_concurrency: 1\n");
  yaml.replace(yaml.find("interval: 1s"), 12, "interval: 2s");
  std::ofstream(path) << yaml;

  RunResult run = RunExporter({"--config", path, "--once"}, dir_.string(), 20s);
  EXPECT_EQ(run.code, 1) << run.err;
  for (const FakeLocation& l : locations_) {
    EXPECT_TRUE(HasLine(run.out, "webex_callpark_up" + Labels(l) + "} 0"));
  }
  EXPECT_TRUE(HasLine(run.out, "webex_api_retry_after_seconds 60"));
  EXPECT_TRUE(HasLine(run.out, "webex_exporter_last_poll_timestamp_seconds 0"));
  EXPECT_NE(run.err.find("level=warn msg=\"api asked to wait; pausing every "
                         "request\""),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("reason=not_polled"), std::string::npos) << run.err;
}

// --once blocked the signals for its whole cycle: with a hanging API it
// ran on for the timeout and every retry after a Ctrl-C.
TEST_F(ExporterTest, OnceStopsPromptlyOnSigterm) {
  for (const FakeLocation& l : locations_) {
    Fault(l, R"([{"hang":true},{"hang":true}])");
  }
  ExporterProcess exporter({"--config", WriteConfig(), "--once"},
                           dir_.string());
  std::this_thread::sleep_for(500ms);  // every request hangs for 2 s

  auto signalled = std::chrono::steady_clock::now();
  exporter.Signal(SIGTERM);
  EXPECT_EQ(exporter.Wait(3s), 1);  // the cycle did not finish
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 1500ms);
  EXPECT_NE(exporter.Stderr().find("msg=\"shutting down\" signal=15"),
            std::string::npos)
      << exporter.Stderr();
  EXPECT_EQ(exporter.Stderr().find("location poll failing"), std::string::npos)
      << exporter.Stderr();
}

TEST_F(ExporterTest, OnceExitsNonZeroWhenEveryLocationFails) {
  std::ofstream(dir_ / "token") << "a-wrong-token\n";
  RunResult run =
      RunExporter({"--config", WriteConfig(), "--once"}, dir_.string(), 20s);
  EXPECT_EQ(run.code, 1);
  EXPECT_TRUE(HasLine(run.out,
                      "webex_api_errors_total{endpoint=\""
                      "callpark_settings\",reason=\"unauthorized\"} 4"));
}

TEST_F(ExporterTest, TokenNeverAppearsInLogsOrMetrics) {
  Fault(locations_[0], R"([{"status":401}])");
  ExporterProcess exporter({"--config", WriteConfig(), "--log.level", "debug",
                            "--web.listen-address", "127.0.0.1:0"},
                           dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string text = ScrapeWhenReady(*port);
  exporter.Signal(SIGTERM);
  EXPECT_EQ(exporter.Wait(5s), 0);

  std::string log = exporter.Stderr();
  EXPECT_NE(log.find("msg=starting"), std::string::npos);
  EXPECT_NE(log.find("reason=unauthorized"), std::string::npos) << log;
  EXPECT_EQ(log.find(kToken), std::string::npos);
  EXPECT_EQ(text.find(kToken), std::string::npos);
}

TEST_F(ExporterTest, BadConfigNamesFileLineAndKeyAndExitsNonZero) {
  std::string path = WriteConfig("web:\n  listen_adress: 1\n");
  RunResult run =
      RunExporter({"--config", path, "--check-config"}, dir_.string(), 10s);
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find(path + ":"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(": web.listen_adress: unknown key"), std::string::npos)
      << run.err;
}

// yaml-cpp needs some 60 bytes of memory per byte of such a file: with
// 256 MiB of address space, a 7 MiB file runs the load out of memory,
// which must be a rejected config, not an abort. The sanitizers reserve
// terabytes of address space, so they cannot run this.
TEST_F(ExporterTest, AConfigThatRunsTheLoadOutOfMemoryIsRejected) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "sanitizers reserve more address space than the limit";
#endif
  std::string yaml = WriteConfig();
  std::ofstream(yaml, std::ios::app) << [] {
    std::string many;
    for (int i = 0; many.size() < (7u << 20); ++i) {
      many += "      - {id: L" + std::to_string(i) + ", name: N}\n";
    }
    return many;
  }();
  RunResult run = RunExporter({"--config", yaml, "--check-config"},
                              dir_.string(), 30s, size_t{256} << 20);
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.err.find(yaml + ": out of memory reading it"),
            std::string::npos)
      << run.err;
}

TEST_F(ExporterTest, CheckConfigRejectsAnUnusableListenAddress) {
  std::string path = WriteConfig("web:\n  listen_address: 383.0.0.1:9877\n");
  RunResult run =
      RunExporter({"--config", path, "--check-config"}, dir_.string(), 10s);
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find(path + ":" + std::to_string(CountLines(path)) +
                         ":19: web.listen_address: invalid listen address"),
            std::string::npos)
      << run.err;
}

TEST_F(ExporterTest, CheckConfigAcceptsAGoodFile) {
  RunResult run = RunExporter({"--config", WriteConfig(), "--check-config"},
                              dir_.string(), 10s);
  EXPECT_EQ(run.code, 0) << run.err;
}

TEST_F(ExporterTest, PortInUseExitsNonZeroWithOneLine) {
  ExporterProcess first(
      {"--config", WriteConfig(), "--web.listen-address", "127.0.0.1:0"},
      dir_.string());
  auto port = first.WaitForPort(10s);
  ASSERT_TRUE(port);
  std::string address = "127.0.0.1:" + std::to_string(*port);
  RunResult run =
      RunExporter({"--config", WriteConfig(), "--web.listen-address", address},
                  dir_.string(), 10s);
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("cannot listen on " + address), std::string::npos)
      << run.err;
}

TEST_F(ExporterTest, ReloadAppliesAGoodConfigAndKeepsTheOldOnAFailure) {
  std::string path = WriteConfig();
  ExporterProcess exporter(
      {"--config", path, "--web.listen-address", "127.0.0.1:0"}, dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string base = "http://127.0.0.1:" + std::to_string(*port);
  std::string text = ScrapeWhenReady(*port);
  std::string dropped = "location_id=\"" + locations_[3].id + "\"";
  ASSERT_NE(text.find(dropped), std::string::npos);

  // A broken file is refused by both triggers; the old config runs on.
  std::ofstream(path) << "webex: [\n";
  EXPECT_EQ(HttpCall("POST", base + "/-/reload").status, 500);
  exporter.Signal(SIGHUP);
  std::this_thread::sleep_for(300ms);
  text = HttpCall("GET", base + "/metrics").body;
  EXPECT_TRUE(HasLine(text, "webex_exporter_config_last_reload_successful 0"));
  EXPECT_NE(text.find(dropped), std::string::npos);

  // A good file without location 3 drops its series, and only its; its
  // new timeout cannot apply without a restart, which the log says.
  locations_.pop_back();
  std::string good = WriteConfig();
  {
    std::ifstream in(good);
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    yaml.replace(yaml.find("timeout: 2s"), 11, "timeout: 3s");
    std::ofstream(good) << yaml;
  }
  EXPECT_EQ(HttpCall("POST", base + "/-/reload").status, 200);
  // The new location list takes effect at the next cycle (1s here).
  for (int i = 0; i < 60; ++i) {
    text = HttpCall("GET", base + "/metrics").body;
    if (text.find(dropped) == std::string::npos) break;
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(HasLine(text, "webex_exporter_config_last_reload_successful 1"));
  EXPECT_EQ(text.find(dropped), std::string::npos);
  EXPECT_NE(text.find("location_id=\"" + locations_[0].id + "\""),
            std::string::npos);
  EXPECT_NE(exporter.Stderr().find("msg=\"configuration reload rejected\""),
            std::string::npos);
  EXPECT_NE(exporter.Stderr().find("restart to apply them\" sections=webex"),
            std::string::npos)
      << exporter.Stderr();

  exporter.Signal(SIGTERM);
  EXPECT_EQ(exporter.Wait(5s), 0);
}

TEST_F(ExporterTest, ChangeAtTheFakeIsCountedAndDriftFollowsTheBaseline) {
  const FakeLocation& l = locations_[0];
  std::string expected_option = l.settings.option;
  std::string config =
      WriteConfig("expected:\n  option: " + expected_option + "\n");
  ExporterProcess exporter(
      {"--config", config, "--web.listen-address", "127.0.0.1:0"},
      dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string text = ScrapeWhenReady(*port);
  std::string labels = Labels(l);
  EXPECT_TRUE(HasLine(
      text, "webex_callpark_drift" + labels + ",setting=\"option\"} 0"));

  int new_recall = l.settings.recall_time == 600 ? 30 : 600;
  auto put = HttpCall("PATCH",
                      "http://" + fake_->host_port() + "/_fake/locations/" +
                          UrlEncode(l.id) + "/settings",
                      R"({"recallTime":)" + std::to_string(new_recall) +
                          R"(,"option":"ALERT_EVERYONE"})");
  ASSERT_EQ(put.status, 200) << put.body;

  std::string base = "http://127.0.0.1:" + std::to_string(*port);
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    std::this_thread::sleep_for(50ms);
    text = HttpCall("GET", base + "/metrics").body;
    seen = HasLine(text, "webex_callpark_settings_changes_total" + labels +
                             ",setting=\"recall_time\"} 1");
  }
  ASSERT_TRUE(seen) << text;
  EXPECT_TRUE(HasLine(text, "webex_callpark_settings_changes_total" + labels +
                                ",setting=\"option\"} 1"));
  EXPECT_TRUE(HasLine(text, "webex_callpark_settings_changes_total" + labels +
                                ",setting=\"ring_pattern\"} 0"));
  EXPECT_TRUE(HasLine(
      text, "webex_callpark_drift" + labels + ",setting=\"option\"} 1"));
  EXPECT_TRUE(HasLine(text, "webex_callpark_recall_time_seconds" + labels +
                                "} " + std::to_string(new_recall)));
  EXPECT_NE(exporter.Stderr().find("msg=\"settings changed\""),
            std::string::npos);
}

}  // namespace
}  // namespace webex

namespace webex {
namespace {

class DiscoveryTest : public ExporterTest {
 protected:
  std::string WriteDiscoveryConfig(const std::string& org_extra) {
    std::ostringstream yaml;
    yaml << "webex:\n  base_url: " << fake_->base_url()
         << "\n  token_file: " << (dir_ / "token").string()
         << "\n  requests_per_second: 0\n"
         << "poll:\n  interval: 1s\n  jitter: 0%\n"
         << "  discovery_interval: 1s\n"
         << "orgs:\n  - id: " << fake_->org_id() << "\n    discover: true\n"
         << org_extra;
    std::string path = (dir_ / "discovery.yaml").string();
    std::ofstream(path) << yaml.str();
    return path;
  }

  std::string NamedLabels(const FakeLocation& location) {
    return "{org_id=\"" + fake_->org_id() + "\",location_id=\"" + location.id +
           "\",location=\"" + EscapeLabel(location.name) + "\"";
  }
};

// A listing refused leaves nothing to poll, and that is a failed --once,
// not an empty success.
TEST_F(DiscoveryTest, OnceExitsNonZeroWhenDiscoveryFails) {
  std::ofstream(dir_ / "token") << "a-wrong-token\n";
  RunResult run = RunExporter({"--config", WriteDiscoveryConfig(""), "--once"},
                              dir_.string(), 20s);
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.err.find("msg=\"location discovery failing\""),
            std::string::npos)
      << run.err;
}

TEST_F(DiscoveryTest, DiscoversFiltersAndNamesLocations) {
  std::string include =
      "^(" + locations_[0].name + "|" + locations_[2].name + ")$";
  std::string path = WriteDiscoveryConfig("    include: \"" + include +
                                          "\"\n"
                                          "    locations:\n      - id: \"" +
                                          locations_[3].id +
                                          "\"\n"
                                          "        name: Explicit\n");
  RunResult run = RunExporter({"--config", path, "--once"}, dir_.string(), 20s);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(HasLine(
      run.out, "webex_callpark_up" + NamedLabels(locations_[0]) + "} 1"));
  EXPECT_TRUE(HasLine(
      run.out, "webex_callpark_up" + NamedLabels(locations_[2]) + "} 1"));
  EXPECT_EQ(run.out.find("location_id=\"" + locations_[1].id + "\""),
            std::string::npos);
  EXPECT_NE(run.out.find("location_id=\"" + locations_[3].id +
                         "\",location=\"Explicit\""),
            std::string::npos);
  EXPECT_TRUE(HasLine(run.out, "webex_exporter_locations{state=\"ok\"} 3"));
  EXPECT_NE(run.out.find("webex_api_requests_total{code=\"200\",endpoint=\""
                         "locations\"}"),
            std::string::npos);
}

TEST_F(DiscoveryTest, ShardsSplitTheLocationsWithoutOverlap) {
  std::string path = WriteDiscoveryConfig("");
  std::set<std::string> seen;
  size_t total = 0;
  for (const char* shard : {"0", "1"}) {
    RunResult run = RunExporter(
        {"--config", path, "--once", "--shard", shard, "--total-shards", "2"},
        dir_.string(), 20s);
    ASSERT_NE(run.code, std::nullopt) << run.err;
    EXPECT_TRUE(HasLine(run.out, std::string("webex_exporter_shard{shard=\"") +
                                     shard + "\",total_shards=\"2\"} 1"));
    for (const FakeLocation& l : locations_) {
      if (HasLine(run.out, "webex_callpark_up" + NamedLabels(l) + "} 1")) {
        EXPECT_TRUE(seen.insert(l.id).second) << "in both shards: " << l.id;
        ++total;
      }
    }
  }
  EXPECT_EQ(total, locations_.size());
}

TEST_F(DiscoveryTest, VanishedLocationLosesItsSeries) {
  ExporterProcess exporter({"--config", WriteDiscoveryConfig(""),
                            "--web.listen-address", "127.0.0.1:0"},
                           dir_.string());
  auto port = exporter.WaitForPort(10s);
  ASSERT_TRUE(port) << exporter.Stderr();
  std::string text = ScrapeWhenReady(*port);
  std::string gone = "location_id=\"" + locations_[1].id + "\"";
  ASSERT_NE(text.find(gone), std::string::npos) << text;

  auto removed =
      HttpCall("DELETE", "http://" + fake_->host_port() + "/_fake/locations/" +
                             UrlEncode(locations_[1].id));
  ASSERT_EQ(removed.status, 204) << removed.body;

  std::string base = "http://127.0.0.1:" + std::to_string(*port);
  bool vanished = false;
  for (int i = 0; i < 100 && !vanished; ++i) {
    std::this_thread::sleep_for(50ms);
    text = HttpCall("GET", base + "/metrics").body;
    vanished = text.find(gone) == std::string::npos;
  }
  EXPECT_TRUE(vanished);
  EXPECT_NE(text.find("location_id=\"" + locations_[0].id + "\""),
            std::string::npos);
}

}  // namespace
}  // namespace webex

namespace webex {
namespace {

// Many locations behind a slow fake, to see limits as the API sees them.
class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("webex-limits-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "token") << kToken;
    fake::FakeOptions options;
    options.tokens = {kToken};
    options.locations = 24;
    options.latency = std::chrono::milliseconds(100);
    options.threads = 32;
    fake_ = std::make_unique<fake::FakeWebexApi>(options);
    fake_->Start();
  }

  void TearDown() override {
    fake_->Stop();
    std::filesystem::remove_all(dir_);
  }

  RunResult Once(int concurrency, double per_second) {
    std::ostringstream yaml;
    yaml << "webex:\n  base_url: " << fake_->base_url()
         << "\n  token_file: " << (dir_ / "token").string()
         << "\n  max_concurrency: " << concurrency
         << "\n  requests_per_second: " << per_second
         << "\norgs:\n  - id: " << fake_->org_id() << "\n    discover: true\n";
    std::string path = (dir_ / "limits.yaml").string();
    std::ofstream(path) << yaml.str();
    HttpCall("DELETE", "http://" + fake_->host_port() + "/_fake/requests");
    return RunExporter({"--config", path, "--once"}, dir_.string(), 30s);
  }

  // When the fake received each Call Park settings request.
  std::vector<double> SettingsArrivals() {
    auto reply =
        HttpCall("GET", "http://" + fake_->host_port() + "/_fake/requests");
    simdjson::ondemand::parser parser;
    simdjson::padded_string json(reply.body);
    simdjson::ondemand::document doc = parser.iterate(json);
    std::vector<double> times;
    for (simdjson::ondemand::object r : doc.get_array()) {
      std::string_view path = r["path"];
      double at = r["received_at"];
      if (path.find("/callParks/settings") != std::string_view::npos) {
        times.push_back(at);
      }
    }
    std::sort(times.begin(), times.end());
    return times;
  }

  int64_t MaxInFlight() {
    auto reply =
        HttpCall("GET", "http://" + fake_->host_port() + "/_fake/stats");
    simdjson::ondemand::parser parser;
    simdjson::padded_string json(reply.body);
    simdjson::ondemand::document doc = parser.iterate(json);
    return int64_t(doc["max_in_flight"]);
  }

  std::filesystem::path dir_;
  std::unique_ptr<fake::FakeWebexApi> fake_;
};

TEST_F(LimitsTest, RetryAfterHoldsBackEveryRequestAsTheApiSeesIt) {
  // The first request of the cycle gets a 429 asking for 2 s; the API
  // must then see nothing at all, from any location, for those 2 s.
  fake::FakeWebexApi& api = *fake_;
  auto first = HttpCall("POST", "http://" + api.host_port() + "/_fake/faults",
                        R"([{"status":429,"headers":{"Retry-After":"2"}}])");
  ASSERT_EQ(first.status, 200) << first.body;
  RunResult run = Once(4, 0);
  ASSERT_EQ(run.code, 0) << run.err;

  std::vector<double> times = SettingsArrivals();
  ASSERT_EQ(times.size(), 25u);  // 24 locations and the one retry
  // 4 requests start at once; the other 3 may answer a moment before the
  // 429 does and so start up to 3 more. Everything after must wait 2 s.
  size_t waited = 0;
  for (double at : times) waited += at - times[0] >= 2.0 - 0.05;
  EXPECT_GE(waited, 25u - 4 - 3);
  for (double at : times) {
    bool early = at - times[0] < 0.5;
    bool late = at - times[0] >= 2.0 - 0.05;
    EXPECT_TRUE(early || late) << "a request at +" << at - times[0] << " s";
  }
}

TEST_F(LimitsTest, ConcurrencyNeverExceedsMaxConcurrency) {
  RunResult run = Once(3, 0);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(SettingsArrivals().size(), 24u);
  EXPECT_EQ(MaxInFlight(), 3);
}

TEST_F(LimitsTest, RequestsNeverExceedTheRateAsTheApiSeesThem) {
  RunResult run = Once(8, 20);
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<double> times = SettingsArrivals();
  ASSERT_EQ(times.size(), 24u);
  // At 20 per second the starts are 50 ms apart. One request delivered
  // late (a busy machine, a sanitizer build) shortens the gap after it, so
  // allow 25 ms of delivery jitter on any run of k requests: a limiter that
  // let two through together would still fail. And no more than 20 in any
  // one-second window.
  for (size_t i = 0; i < times.size(); ++i) {
    for (size_t k = 1; i + k < times.size(); ++k) {
      EXPECT_GE(times[i + k] - times[i], 0.050 * k - 0.025) << i << "+" << k;
    }
  }
  for (size_t i = 0; i + 20 < times.size(); ++i) {
    EXPECT_GE(times[i + 20] - times[i], 1.0 - 0.010) << i;
  }
}

// A server that closes each connection after 3 requests, like nginx's
// keepalive_requests: every location still succeeds on its first try (no
// retries are allowed here), and the only cost is one new connection per
// 3 requests.
TEST(ConnectionTest, ServerClosingEveryThirdRequestCostsOnlyAReconnect) {
  auto dir = std::filesystem::temp_directory_path() /
             ("webex-close-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << kToken;
  fake::FakeOptions options;
  options.tokens = {kToken};
  options.locations = 30;
  options.close_after = 3;
  fake::FakeWebexApi api(options);
  api.Start();
  std::ofstream(dir / "close.yaml")
      << "webex:\n  base_url: " << api.base_url()
      << "\n  token_file: " << (dir / "token").string()
      << "\n  max_concurrency: 2\n  requests_per_second: 0\n"
      << "  max_retries: 0\norgs:\n  - id: " << api.org_id()
      << "\n    discover: true\n";

  RunResult run = RunExporter(
      {"--config", (dir / "close.yaml").string(), "--once"}, dir.string(), 30s);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(HasLine(run.out, "webex_exporter_locations{state=\"ok\"} 30"))
      << run.out;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("webex_api_errors_total{")) {
      EXPECT_TRUE(line.ends_with("} 0")) << line;
    }
  }
  for (std::string line : {
           "webex_api_retries_total{endpoint=\"callpark_settings\"} 0",
           "webex_api_requests_total{code=\"200\","
           "endpoint=\"callpark_settings\"} 30",
       }) {
    EXPECT_TRUE(HasLine(run.out, line)) << line << "\n" << run.out;
  }

  auto reply = HttpCall("GET", "http://" + api.host_port() + "/_fake/requests");
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(reply.body);
  simdjson::ondemand::document doc = parser.iterate(json);
  std::set<std::string> peers;
  size_t requests = 0;
  for (simdjson::ondemand::object r : doc.get_array()) {
    peers.insert(std::string(std::string_view(r["peer"])));
    ++requests;
  }
  EXPECT_EQ(requests, 31u);  // one page of locations and 30 settings
  // Each connection carries 3 requests, but for the last of each of the 2
  // parallel streams (and the listing's, if it runs on its own).
  EXPECT_GE(peers.size(), (requests + 2) / 3);
  EXPECT_LE(peers.size(), requests / 3 + 3);
  api.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace webex
