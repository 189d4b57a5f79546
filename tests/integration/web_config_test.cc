// --web.config.file with the real binary: basic auth, TLS with a
// certificate the test makes, client certificates, and changes to the
// file while the exporter runs. Everything listens on 127.0.0.1 port 0.

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "exporter/fake/fake_webex_api.h"
#include "exporter_process.h"
#include "fake/http_client.h"
#include "unit/support/bcrypt_hash.h"
#include "unit/support/test_dir.h"
#include "unit/support/throwaway_pki.h"

namespace webex {
namespace {

namespace fs = std::filesystem;
using fake::testing::HttpRequest;
using fake::testing::HttpResult;
using testing::ExporterProcess;
using testing::RunExporter;
using testing::RunResult;
using namespace std::chrono_literals;

const char* kToken = "webcfg-secret-token-5a4b3c";

class WebConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TestDir("webex-itweb");
    pki_ = std::make_unique<testing::ThrowawayPki>(dir_);
    ASSERT_TRUE(pki_->ok());
    std::ofstream(dir_ / "token") << kToken << "\n";

    fake::FakeOptions options;
    options.tokens = {kToken};
    options.locations = 2;
    fake_ = std::make_unique<fake::FakeWebexApi>(options);
    fake_->Start();
  }

  void TearDown() override {
    fake_->Stop();
    fs::remove_all(dir_);
  }

  // An exporter config that discovers the fake's locations.
  std::string Config() {
    std::string path = (dir_ / "exporter.yaml").string();
    std::ofstream(path) << "webex:\n  base_url: " << fake_->base_url()
                        << "\n  token_file: " << (dir_ / "token").string()
                        << "\n  requests_per_second: 0\n"
                        << "orgs:\n  - id: " << fake_->org_id()
                        << "\n    discover: true\n";
    return path;
  }

  // Writes web.yml whole, by renaming, as the README advises.
  std::string WriteWebConfig(const std::string& yaml) {
    std::string path = (dir_ / "web.yml").string();
    std::ofstream(path + ".new") << yaml;
    fs::rename(path + ".new", path);
    return path;
  }

  std::string Users(const std::vector<std::string>& names) {
    std::string yaml = "basic_auth_users:\n";
    for (const std::string& name : names) {
      yaml += "  " + name + ": " + testing::HashOf(name + "-pw") + "\n";
    }
    return yaml;
  }

  std::unique_ptr<ExporterProcess> Start(const std::string& web_config) {
    auto exporter = std::make_unique<ExporterProcess>(
        std::vector<std::string>{"--config", Config(), "--web.config.file",
                                 web_config, "--web.listen-address",
                                 "127.0.0.1:0"},
        dir_.string());
    port_ = exporter->WaitForPort(10s).value_or(0);
    return exporter;
  }

  HttpRequest Http(const std::string& path = "/metrics") {
    HttpRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(port_) + path;
    request.timeout = 5s;
    return request;
  }

  HttpRequest Https(const std::string& ca_file) {
    HttpRequest request = Http();
    request.url.replace(0, 4, "https");
    request.ca_file = ca_file;
    return request;
  }

  HttpRequest As(const std::string& user) {
    HttpRequest request = Http();
    request.user = user;
    request.password = user + "-pw";
    return request;
  }

  // Repeats `request` for ten seconds at most until it gets `status`.
  bool EventuallyGets(const HttpRequest& request, long status) {
    for (int i = 0; i < 100; ++i) {
      if (fake::testing::Send(request).status == status) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  fs::path dir_;
  std::unique_ptr<testing::ThrowawayPki> pki_;
  std::unique_ptr<fake::FakeWebexApi> fake_;
  int port_ = 0;
};

TEST_F(WebConfigTest, BasicAuthIsAcceptedAndRefused) {
  std::string yaml = Users({"prometheus"});
  auto exporter = Start(WriteWebConfig(yaml));
  ASSERT_NE(port_, 0) << exporter->Stderr();

  HttpResult none = fake::testing::Send(Http());
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"],
            "Basic realm=\"webex-callpark-exporter\", charset=\"UTF-8\"");
  HttpRequest wrong = As("prometheus");
  wrong.password = "guess";
  EXPECT_EQ(fake::testing::Send(wrong).status, 401);
  EXPECT_EQ(fake::testing::Send(As("stranger")).status, 401);

  HttpResult good = fake::testing::Send(As("prometheus"));
  EXPECT_EQ(good.status, 200);
  EXPECT_NE(good.body.find("webex_exporter_build_info{"), std::string::npos);

  exporter->Signal(SIGTERM);
  EXPECT_EQ(exporter->Wait(5s), 0);
  std::string log = exporter->Stderr();
  EXPECT_NE(log.find("tls=off basic_auth=on"), std::string::npos) << log;
  EXPECT_EQ(log.find("$2b$"), std::string::npos) << log;
  EXPECT_EQ(log.find("prometheus-pw"), std::string::npos) << log;
}

TEST_F(WebConfigTest, ServesTlsWithAThrowawayCertificate) {
  auto exporter = Start(WriteWebConfig(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"));
  ASSERT_NE(port_, 0) << exporter->Stderr();

  HttpResult reply = fake::testing::Send(Https(pki_->server_cert()));
  EXPECT_EQ(reply.curl_code, CURLE_OK) << curl_easy_strerror(reply.curl_code);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("webex_exporter_build_info{"), std::string::npos);
  EXPECT_NE(fake::testing::Send(Http()).status, 200);
  EXPECT_NE(exporter->Stderr().find("tls=on basic_auth=off"),
            std::string::npos);
}

TEST_F(WebConfigTest, AClientCertificateIsRequiredWhenAsked) {
  auto exporter =
      Start(WriteWebConfig("tls_server_config:\n  cert_file: server.crt\n"
                           "  key_file: server.key\n  client_ca_file: ca.crt\n"
                           "  client_auth_type: RequireAndVerifyClientCert\n"));
  ASSERT_NE(port_, 0) << exporter->Stderr();

  HttpRequest anonymous = Https(pki_->server_cert());
  EXPECT_EQ(fake::testing::Send(anonymous).status, 403);
  HttpRequest stranger = anonymous;
  stranger.client_cert_file = pki_->stranger_cert();
  stranger.client_key_file = pki_->stranger_key();
  EXPECT_EQ(fake::testing::Send(stranger).status, 403);

  HttpRequest trusted = anonymous;
  trusted.client_cert_file = pki_->client_cert();
  trusted.client_key_file = pki_->client_key();
  EXPECT_EQ(fake::testing::Send(trusted).status, 200);
}

TEST_F(WebConfigTest, AnAddedUserWorksWithoutARestart) {
  auto exporter = Start(WriteWebConfig(Users({"alice"})));
  ASSERT_NE(port_, 0) << exporter->Stderr();
  EXPECT_EQ(fake::testing::Send(As("bob")).status, 401);

  WriteWebConfig(Users({"alice", "bob"}));
  EXPECT_TRUE(EventuallyGets(As("bob"), 200)) << exporter->Stderr();
  EXPECT_EQ(fake::testing::Send(As("alice")).status, 200);
  EXPECT_NE(exporter->Stderr().find("msg=\"web config reloaded\""),
            std::string::npos);
}

TEST_F(WebConfigTest, AnInvalidChangeKeepsTheOldSettings) {
  auto exporter = Start(WriteWebConfig(Users({"alice"})));
  ASSERT_NE(port_, 0) << exporter->Stderr();

  std::string path = WriteWebConfig(Users({"alice"}) + "  bob: letmein\n");
  bool rejected = false;
  for (int i = 0; i < 100 && !rejected; ++i) {
    std::this_thread::sleep_for(100ms);
    rejected = exporter->Stderr().find("web config reload rejected") !=
               std::string::npos;
  }
  ASSERT_TRUE(rejected) << exporter->Stderr();
  std::string log = exporter->Stderr();
  EXPECT_NE(log.find("level=error msg=\"web config reload rejected\""),
            std::string::npos);
  EXPECT_NE(log.find(path + ":3:8: basic_auth_users.bob: is not a bcrypt"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("letmein"), std::string::npos);
  EXPECT_EQ(fake::testing::Send(As("alice")).status, 200);
  EXPECT_EQ(fake::testing::Send(Http()).status, 401);
}

TEST_F(WebConfigTest, ARenewedCertificateIsServedWithoutARestart) {
  auto exporter = Start(WriteWebConfig(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"));
  ASSERT_NE(port_, 0) << exporter->Stderr();
  std::string old_cert = pki_->Path("old.crt");
  fs::copy_file(pki_->server_cert(), old_cert);
  EXPECT_EQ(fake::testing::Send(Https(old_cert)).status, 200);

  // The file names stay; their contents change, as a renewal does it.
  ASSERT_TRUE(pki_->MakeServer("server"));
  EXPECT_TRUE(EventuallyGets(Https(pki_->server_cert()), 200))
      << exporter->Stderr();
  EXPECT_NE(fake::testing::Send(Https(old_cert)).curl_code, CURLE_OK);
}

TEST_F(WebConfigTest, ABadFileStopsTheStartNamingFileLineAndKey) {
  std::string path = WriteWebConfig(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: absent.key\n");
  std::string expected =
      path + ":3:13: tls_server_config.key_file: " + pki_->Path("absent.key") +
      ": cannot read the file";
  for (const char* mode : {"--check-config", "--web.listen-address"}) {
    SCOPED_TRACE(mode);
    std::vector<std::string> args = {"--config", Config(), "--web.config.file",
                                     path, mode};
    if (std::string(mode) == "--web.listen-address") {
      args.push_back("127.0.0.1:0");
    }
    RunResult run = RunExporter(args, dir_.string(), 10s);
    EXPECT_EQ(run.code, 1);
    EXPECT_NE(run.err.find(expected), std::string::npos) << run.err;
  }
}

TEST_F(WebConfigTest, CheckConfigAcceptsAGoodWebConfig) {
  std::string path = WriteWebConfig(Users({"alice"}));
  RunResult run = RunExporter(
      {"--config", Config(), "--web.config.file", path, "--check-config"},
      dir_.string(), 10s);
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find(path + ": ok"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace webex
