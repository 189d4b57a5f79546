// The exporter renewing its access token through OAuth against the fake
// Webex API's POST /v1/access_token, on loopback port 0.

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "exporter/fake/fake_webex_api.h"
#include "exporter_process.h"
#include "integration_support.h"

namespace webex {
namespace {

namespace fs = std::filesystem;
using testing::ExporterProcess;
using testing::HasLine;
using testing::HttpCall;
using testing::ReadFile;
using testing::RunExporter;
using testing::RunResult;
using testing::ScrapeWhenReady;
using namespace std::chrono_literals;

const char* kClientId = "it-client-id";
const char* kSecret = "it-client-secret-7c1e55";
const char* kRefresh = "it-refresh-token-3b9d0a";

struct ApiRequest {
  std::string path;
  int status = 0;
  double received_at = 0;
};

class OAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("webex-oauth-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "secrets");
    std::ofstream(dir_ / "secrets" / "client-secret") << kSecret << "\n";
    std::ofstream(dir_ / "secrets" / "refresh-token") << kRefresh << "\n";
  }

  void TearDown() override {
    if (fake_) fake_->Stop();
    fs::remove_all(dir_);
  }

  // No static token: only what the grant hands out is accepted.
  void StartFake(std::chrono::seconds ttl, bool rotate = false) {
    fake::FakeOptions options;
    options.locations = 3;
    options.threads = 16;
    options.oauth.client_id = kClientId;
    options.oauth.client_secret = kSecret;
    options.oauth.refresh_token = kRefresh;
    options.oauth.access_token_ttl = ttl;
    options.oauth.rotate_refresh_token = rotate;
    fake_ = std::make_unique<fake::FakeWebexApi>(options);
    fake_->Start();
  }

  std::string FakeUrl(const std::string& path) {
    return "http://" + fake_->host_port() + path;
  }

  std::string WriteConfig(const std::string& client_id = kClientId) {
    std::ostringstream yaml;
    yaml << "webex:\n  base_url: " << fake_->base_url() << "\n  oauth:\n"
         << "    client_id: " << client_id << "\n    client_secret_file: "
         << (dir_ / "secrets" / "client-secret").string()
         << "\n    refresh_token_file: "
         << (dir_ / "secrets" / "refresh-token").string()
         << "\n  timeout: 2s\n  requests_per_second: 0\n  max_retries: 1\n"
         << "poll:\n  interval: 1s\n  jitter: 0%\n"
         << "orgs:\n  - id: " << fake_->org_id() << "\n    discover: true\n";
    std::string path = (dir_ / "exporter.yaml").string();
    std::ofstream(path) << yaml.str();
    return path;
  }

  std::vector<ApiRequest> Requests() {
    auto reply = HttpCall("GET", FakeUrl("/_fake/requests"));
    simdjson::ondemand::parser parser;
    simdjson::padded_string json(reply.body);
    simdjson::ondemand::document doc = parser.iterate(json);
    std::vector<ApiRequest> requests;
    for (simdjson::ondemand::object r : doc.get_array()) {
      ApiRequest request;
      request.path = std::string(std::string_view(r["path"]));
      request.status = static_cast<int>(int64_t(r["status"]));
      request.received_at = double(r["received_at"]);
      requests.push_back(std::move(request));
    }
    return requests;
  }

  std::vector<ApiRequest> Grants() {
    std::vector<ApiRequest> grants;
    for (ApiRequest& r : Requests()) {
      if (r.path == "/v1/access_token") grants.push_back(std::move(r));
    }
    return grants;
  }

  // The exporter serving the config on a free port, kept in `port_`
  // (nullopt when it never listened).
  std::unique_ptr<ExporterProcess> Serve() {
    auto exporter = std::make_unique<ExporterProcess>(
        std::vector<std::string>{"--config", WriteConfig(),
                                 "--web.listen-address", "127.0.0.1:0"},
        dir_.string());
    port_ = exporter->WaitForPort(10s);
    return exporter;
  }

  // Scrapes the exporter until `line` shows up (15 s at most).
  std::string ScrapeUntil(const std::string& line) {
    std::string url = "http://127.0.0.1:" + std::to_string(*port_) + "/metrics";
    std::string text;
    for (int i = 0; i < 300; ++i) {
      text = HttpCall("GET", url).body;
      if (HasLine(text, line)) return text;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "never saw " << line << " in\n" << text;
    return text;
  }

  // Neither the secrets nor any token the fake handed out.
  void ExpectNoSecretIn(const std::string& text) {
    for (const char* secret :
         {kSecret, kRefresh, "FAKE_ACCESS_", "FAKE_REFRESH_"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
  }

  fs::path dir_;
  std::unique_ptr<fake::FakeWebexApi> fake_;
  std::optional<int> port_;
};

TEST_F(OAuthTest, RenewsAheadOfExpirySoNoRequestIsRefused) {
  // 4 s tokens are renewed once less than 2 s (half) remain.
  StartFake(4s);
  auto exporter = Serve();
  ASSERT_TRUE(port_) << exporter->Stderr();
  ScrapeWhenReady(*port_);
  std::string text = ScrapeUntil(
      "webex_api_requests_total{code=\"200\",endpoint=\"access_token\"} 4");

  // Three renewals, each before the token it replaced ran out, and no
  // request ever went out with an expired token.
  std::vector<ApiRequest> grants = Grants();
  ASSERT_GE(grants.size(), 4u);
  for (size_t i = 1; i < grants.size(); ++i) {
    EXPECT_LT(grants[i].received_at - grants[i - 1].received_at, 4.0) << i;
  }
  for (const ApiRequest& r : Requests()) {
    EXPECT_NE(r.status, 401) << r.path;
  }
  EXPECT_TRUE(HasLine(text, "webex_exporter_locations{state=\"ok\"} 3"));
  EXPECT_NE(text.find("\nwebex_exporter_token_expiry_timestamp_seconds "),
            std::string::npos)
      << text;

  exporter->Signal(SIGTERM);
  EXPECT_EQ(exporter->Wait(5s), 0);
  std::string log = exporter->Stderr();
  EXPECT_NE(log.find("msg=\"access token renewed\" expires_in_seconds=4"),
            std::string::npos)
      << log;
  ExpectNoSecretIn(log);
  ExpectNoSecretIn(text);
}

TEST_F(OAuthTest, ARevokedTokenIsRenewedAfterA401AndTheRequestsRetried) {
  StartFake(3600s);
  auto exporter = Serve();
  ASSERT_TRUE(port_) << exporter->Stderr();
  std::string text = ScrapeWhenReady(*port_);
  ASSERT_TRUE(HasLine(text, "webex_exporter_locations{state=\"ok\"} 3"));

  // Every accepted token is dropped, the exporter's granted one included.
  auto revoked = HttpCall("PUT", FakeUrl("/_fake/tokens"), R"({"tokens":[]})");
  ASSERT_EQ(revoked.status, 204) << revoked.body;
  text = ScrapeUntil(
      "webex_api_requests_total{code=\"200\",endpoint=\"access_token\"} 2");
  // The three refused requests were asked again within the same cycle:
  // no location ever went down.
  text = ScrapeUntil(
      "webex_api_errors_total{endpoint=\"callpark_settings\","
      "reason=\"unauthorized\"} 3");
  EXPECT_TRUE(HasLine(text, "webex_exporter_locations{state=\"ok\"} 3"));
  EXPECT_TRUE(HasLine(text, "webex_exporter_locations{state=\"failing\"} 0"));
  EXPECT_EQ(Grants().size(), 2u);

  exporter->Signal(SIGTERM);
  EXPECT_EQ(exporter->Wait(5s), 0);
  std::string log = exporter->Stderr();
  EXPECT_NE(log.find("msg=\"access token refused by the api; renewing it\""),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("location poll failing"), std::string::npos) << log;
  ExpectNoSecretIn(log);
}

TEST_F(OAuthTest, AFailedRenewalIsCountedBacksOffAndRecovers) {
  StartFake(3600s);
  // Two renewals fail (each tries twice: max_retries 1), the third works.
  auto faults =
      HttpCall("POST", FakeUrl("/_fake/endpoints/access_token/faults"),
               R"([{"status":500},{"status":500},)"
               R"({"status":500},{"status":500}])");
  ASSERT_EQ(faults.status, 200) << faults.body;
  auto exporter = Serve();
  ASSERT_TRUE(port_) << exporter->Stderr();
  std::string text = ScrapeUntil("webex_exporter_locations{state=\"ok\"} 3");

  EXPECT_TRUE(HasLine(text,
                      "webex_api_errors_total{endpoint=\"access_token\","
                      "reason=\"server_error\"} 4"));
  EXPECT_TRUE(HasLine(
      text,
      "webex_api_requests_total{code=\"500\",endpoint=\"access_token\"} 4"));
  EXPECT_TRUE(HasLine(
      text,
      "webex_api_requests_total{code=\"200\",endpoint=\"access_token\"} 1"));
  // The backoff as the API saw it: 1 s after the first failed renewal,
  // then 2 s after the second.
  std::vector<ApiRequest> grants = Grants();
  ASSERT_EQ(grants.size(), 5u);
  EXPECT_GE(grants[2].received_at - grants[1].received_at, 1.0);
  EXPECT_GE(grants[4].received_at - grants[3].received_at, 2.0);

  exporter->Signal(SIGTERM);
  EXPECT_EQ(exporter->Wait(5s), 0);
  std::string log = exporter->Stderr();
  // Logged at warn once, not once per failed renewal.
  const std::string warned = "level=warn msg=\"access token renewal failing\"";
  size_t first = log.find(warned);
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find(warned, first + 1), std::string::npos) << "logged twice:\n"
                                                            << log;
  EXPECT_NE(log.find("status=500 reason=server_error"), std::string::npos);
  EXPECT_NE(log.find("msg=\"access token renewal recovered\""),
            std::string::npos);
  ExpectNoSecretIn(log);
}

TEST_F(OAuthTest, ARotatedRefreshTokenLandsInItsFile) {
  StartFake(3600s, true);
  fs::path refresh = dir_ / "secrets" / "refresh-token";
  fs::permissions(refresh, fs::perms(0640));
  std::string config = WriteConfig();

  RunResult run =
      RunExporter({"--config", config, "--once"}, dir_.string(), 20s);
  ASSERT_EQ(run.code, 0) << run.err;
  std::string written = ReadFile(refresh.string());
  EXPECT_EQ(written.rfind("FAKE_REFRESH_", 0), 0u) << written;
  EXPECT_EQ(written.back(), '\n');
  EXPECT_EQ(fs::status(refresh).permissions() & fs::perms::mask,
            fs::perms(0640));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "secrets")) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 2u);  // no temporary file left behind
  EXPECT_NE(run.err.find("msg=\"refresh token rotated; saved\""),
            std::string::npos)
      << run.err;
  ExpectNoSecretIn(run.err);
  ExpectNoSecretIn(run.out);

  // The fake retired the first refresh token: a second run only works
  // with the one written back.
  RunResult again =
      RunExporter({"--config", config, "--once"}, dir_.string(), 20s);
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(ReadFile(refresh.string()), written);
}

TEST_F(OAuthTest, AReloadSaysTheOAuthSectionNeedsARestart) {
  StartFake(3600s);
  auto exporter = Serve();
  ASSERT_TRUE(port_) << exporter->Stderr();
  ScrapeWhenReady(*port_);

  WriteConfig("another-client-id");
  std::string base = "http://127.0.0.1:" + std::to_string(*port_);
  EXPECT_EQ(HttpCall("POST", base + "/-/reload").status, 200);
  exporter->Signal(SIGTERM);
  EXPECT_EQ(exporter->Wait(5s), 0);
  EXPECT_NE(exporter->Stderr().find("restart to apply them\" sections=webex"),
            std::string::npos)
      << exporter->Stderr();
}

}  // namespace
}  // namespace webex
