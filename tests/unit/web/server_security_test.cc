// The web server with a web config file: basic auth, TLS, client
// certificates, and changes applied while it serves.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/web_config_file.h"
#include "fake/http_client.h"
#include "unit/support/bcrypt_hash.h"
#include "unit/support/test_dir.h"
#include "unit/support/throwaway_pki.h"
#include "web/server.h"

namespace webex {
namespace {

namespace fs = std::filesystem;
using fake::testing::HttpRequest;
using fake::testing::HttpResult;

class WebServerSecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TestDir("webex-websec");
    pki_ = std::make_unique<testing::ThrowawayPki>(dir_);
    ASSERT_TRUE(pki_->ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  WebRoutes Routes() {
    return {[] { return std::string("metric_a 1\n"); },
            [] { return true; },
            [] { return std::string("<html>landing</html>"); },
            [] { return std::string(); },
            {}};  // the server gzips
  }

  // A web config file, written and loaded as the exporter would.
  WebConfigFile Security(const std::string& yaml) {
    std::string path = (dir_ / "web.yml").string();
    std::ofstream(path) << yaml;
    return LoadWebConfigFile(path);
  }

  std::string Tls(const std::string& extra = "") {
    return "tls_server_config:\n  cert_file: server.crt\n"
           "  key_file: server.key\n" +
           extra;
  }

  std::string Users(const std::string& user, const std::string& password) {
    return "basic_auth_users:\n  " + user + ": " + testing::HashOf(password) +
           "\n";
  }

  HttpRequest Https(const WebServer& server, const std::string& path = "/") {
    HttpRequest request;
    request.url = "https://127.0.0.1:" + std::to_string(server.port()) + path;
    request.ca_file = pki_->server_cert();
    return request;
  }

  HttpRequest Http(const WebServer& server, const std::string& path) {
    HttpRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(server.port()) + path;
    return request;
  }

  fs::path dir_;
  std::unique_ptr<testing::ThrowawayPki> pki_;
};

HttpRequest As(HttpRequest request, const std::string& user,
               const std::string& password) {
  request.user = user;
  request.password = password;
  return request;
}

HttpRequest WithCertificate(HttpRequest request, const std::string& cert,
                            const std::string& key) {
  request.client_cert_file = cert;
  request.client_key_file = key;
  return request;
}

TEST_F(WebServerSecurityTest, BasicAuthGuardsEveryEndpoint) {
  WebServer server("127.0.0.1:0", Routes(), Security(Users("prom", "pw")));
  for (const char* path : {"/metrics", "/healthz", "/ready", "/", "/nope"}) {
    SCOPED_TRACE(path);
    HttpResult none = fake::testing::Send(Http(server, path));
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.headers["www-authenticate"],
              "Basic realm=\"webex-callpark-exporter\", charset=\"UTF-8\"");
    EXPECT_EQ(fake::testing::Send(As(Http(server, path), "prom", "bad")).status,
              401);
    EXPECT_EQ(fake::testing::Send(As(Http(server, path), "mal", "pw")).status,
              401);
  }
  HttpResult good =
      fake::testing::Send(As(Http(server, "/metrics"), "prom", "pw"));
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(good.body, "metric_a 1\n");
  EXPECT_EQ(fake::testing::Send(As(Http(server, "/nope"), "prom", "pw")).status,
            404);
}

TEST_F(WebServerSecurityTest, ServesTlsWithTheConfiguredCertificate) {
  WebServer server("127.0.0.1:0", Routes(), Security(Tls()));
  HttpResult reply = fake::testing::Send(Https(server, "/metrics"));
  EXPECT_EQ(reply.curl_code, CURLE_OK) << curl_easy_strerror(reply.curl_code);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "metric_a 1\n");

  // A client that trusts another certificate refuses this one.
  HttpRequest other = Https(server, "/metrics");
  other.ca_file = pki_->ca_cert();
  EXPECT_EQ(fake::testing::Send(other).curl_code,
            CURLE_PEER_FAILED_VERIFICATION);
  // Plain HTTP gets no answer from a TLS port.
  EXPECT_NE(fake::testing::Send(Http(server, "/metrics")).status, 200);
}

TEST_F(WebServerSecurityTest, Tls13OnlyRefusesATls12Client) {
  WebServer server("127.0.0.1:0", Routes(),
                   Security(Tls("  min_version: TLS13\n")));
  HttpRequest tls12 = Https(server);
  tls12.ssl_version =
      long{CURL_SSLVERSION_TLSv1_2} | CURL_SSLVERSION_MAX_TLSv1_2;
  EXPECT_NE(fake::testing::Send(tls12).curl_code, CURLE_OK);
  EXPECT_EQ(fake::testing::Send(Https(server)).status, 200);

  WebServer lenient("127.0.0.1:0", Routes(), Security(Tls()));
  tls12.url = Https(lenient).url;
  EXPECT_EQ(fake::testing::Send(tls12).status, 200);
}

TEST_F(WebServerSecurityTest, RequireAndVerifyWantsATrustedClientCertificate) {
  WebServer server("127.0.0.1:0", Routes(),
                   Security(Tls("  client_ca_file: ca.crt\n"
                                "  client_auth_type: "
                                "RequireAndVerifyClientCert\n")));
  HttpResult none = fake::testing::Send(Https(server));
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.body, "a client certificate is required\n");

  HttpResult stranger = fake::testing::Send(WithCertificate(
      Https(server), pki_->stranger_cert(), pki_->stranger_key()));
  EXPECT_EQ(stranger.status, 403);
  EXPECT_EQ(stranger.body.rfind("the client certificate is not trusted: ", 0),
            0u)
      << stranger.body;

  HttpResult trusted = fake::testing::Send(WithCertificate(
      Https(server, "/metrics"), pki_->client_cert(), pki_->client_key()));
  EXPECT_EQ(trusted.status, 200);
  EXPECT_EQ(trusted.body, "metric_a 1\n");
}

TEST_F(WebServerSecurityTest, AServerOnlyCertificateCannotAuthenticate) {
  ASSERT_TRUE(pki_->MakeClient("server-only", "ca", "serverAuth"));
  WebServer server("127.0.0.1:0", Routes(),
                   Security(Tls("  client_ca_file: ca.crt\n"
                                "  client_auth_type: "
                                "RequireAndVerifyClientCert\n")));
  HttpResult reply = fake::testing::Send(
      WithCertificate(Https(server), pki_->Path("server-only.crt"),
                      pki_->Path("server-only.key")));
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.body.rfind("the client certificate is not trusted: ", 0), 0u)
      << reply.body;
}

TEST_F(WebServerSecurityTest, EachClientAuthTypeDecidesAsNamed) {
  struct Case {
    const char* type;
    long none, stranger, trusted;  // the status each client gets
  };
  for (const Case& c : {Case{"NoClientCert", 200, 200, 200},
                        Case{"RequestClientCert", 200, 200, 200},
                        Case{"RequireAnyClientCert", 403, 200, 200},
                        Case{"VerifyClientCertIfGiven", 200, 403, 200},
                        Case{"RequireAndVerifyClientCert", 403, 403, 200}}) {
    SCOPED_TRACE(c.type);
    WebServer server("127.0.0.1:0", Routes(),
                     Security(Tls("  client_ca_file: ca.crt\n"
                                  "  client_auth_type: " +
                                  std::string(c.type) + "\n")));
    EXPECT_EQ(fake::testing::Send(Https(server)).status, c.none);
    EXPECT_EQ(fake::testing::Send(WithCertificate(Https(server),
                                                  pki_->stranger_cert(),
                                                  pki_->stranger_key()))
                  .status,
              c.stranger);
    EXPECT_EQ(
        fake::testing::Send(WithCertificate(Https(server), pki_->client_cert(),
                                            pki_->client_key()))
            .status,
        c.trusted);
  }
}

TEST_F(WebServerSecurityTest, TlsAndBasicAuthTogether) {
  WebServer server("127.0.0.1:0", Routes(),
                   Security(Tls() + Users("prom", "pw")));
  EXPECT_EQ(fake::testing::Send(Https(server)).status, 401);
  EXPECT_EQ(fake::testing::Send(As(Https(server), "prom", "pw")).status, 200);
}

TEST_F(WebServerSecurityTest, NewUsersApplyAtOnceOnTheSameDaemon) {
  WebServer server("127.0.0.1:0", Routes(), Security(Users("old", "pw1")));
  EXPECT_EQ(fake::testing::Send(As(Http(server, "/"), "old", "pw1")).status,
            200);

  EXPECT_EQ(server.Secure(Security(Users("new", "pw2"))), "");
  EXPECT_EQ(fake::testing::Send(As(Http(server, "/"), "new", "pw2")).status,
            200);
  EXPECT_EQ(fake::testing::Send(As(Http(server, "/"), "old", "pw1")).status,
            401);

  EXPECT_EQ(server.Secure(WebConfigFile{}), "");
  EXPECT_EQ(fake::testing::Send(Http(server, "/")).status, 200);
}

TEST_F(WebServerSecurityTest, ANewCertificateServesOnTheSamePort) {
  WebServer server("127.0.0.1:0", Routes(), WebConfigFile{});
  int port = server.port();
  EXPECT_EQ(fake::testing::Send(Http(server, "/")).status, 200);

  // Plain to TLS, on the socket already bound.
  EXPECT_EQ(server.Secure(Security(Tls())), "");
  EXPECT_EQ(server.port(), port);
  EXPECT_EQ(fake::testing::Send(Https(server)).status, 200);

  // A rotated certificate: clients that trust only the new one get in.
  ASSERT_TRUE(pki_->MakeServer("rotated"));
  EXPECT_EQ(server.Secure(Security("tls_server_config:\n"
                                   "  cert_file: rotated.crt\n"
                                   "  key_file: rotated.key\n")),
            "");
  HttpRequest fresh = Https(server);
  fresh.ca_file = pki_->Path("rotated.crt");
  EXPECT_EQ(fake::testing::Send(fresh).status, 200);
  EXPECT_EQ(fake::testing::Send(Https(server)).curl_code,
            CURLE_PEER_FAILED_VERIFICATION);

  // And back to plain HTTP.
  EXPECT_EQ(server.Secure(WebConfigFile{}), "");
  EXPECT_EQ(fake::testing::Send(Http(server, "/")).status, 200);
}

}  // namespace
}  // namespace webex
