#include "web/server.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>

namespace webex {
namespace {

struct Reply {
  long status = 0;
  std::string body;
  std::string content_type;
};

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Reply Get(const std::string& url, const char* method = "GET") {
  Reply reply;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    if (type) reply.content_type = type;
  }
  curl_easy_cleanup(curl);
  return reply;
}

class WebServerTest : public ::testing::Test {
 protected:
  WebRoutes Routes() {
    return {[] { return std::string("metric_a 1\n"); },
            [this] { return ready_.load(); },
            [] { return std::string("<html>landing</html>"); },
            [this] { return reload_error_; }};
  }
  std::atomic<bool> ready_{false};
  std::string reload_error_;
};

TEST_F(WebServerTest, ServesEveryEndpointOnAnEphemeralPort) {
  WebServer server("127.0.0.1:0", Routes());
  ASSERT_GT(server.port(), 0);
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());

  Reply metrics = Get(base + "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body, "metric_a 1\n");
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");

  EXPECT_EQ(Get(base + "/healthz").status, 200);
  EXPECT_EQ(Get(base + "/ready").status, 503);
  ready_ = true;
  EXPECT_EQ(Get(base + "/ready").status, 200);
  EXPECT_EQ(Get(base + "/").body, "<html>landing</html>");
  EXPECT_EQ(Get(base + "/nothing-here").status, 404);
}

TEST_F(WebServerTest, ReloadTakesPostAndReportsTheError) {
  WebServer server("127.0.0.1:0", Routes());
  std::string url =
      "http://127.0.0.1:" + std::to_string(server.port()) + "/-/reload";
  EXPECT_EQ(Get(url).status, 405);

  Reply good = Get(url, "POST");
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(good.body, "reloaded\n");

  reload_error_ = "x.yaml:1:1: web: unknown key";
  Reply bad = Get(url, "POST");
  EXPECT_EQ(bad.status, 500);
  EXPECT_EQ(bad.body, "reload rejected: x.yaml:1:1: web: unknown key\n");
}

TEST_F(WebServerTest, ServesIpv6LoopbackOrSaysWhyNot) {
  if (!SupportsIpv6()) {
    EXPECT_THROW(
        {
          try {
            WebServer server("[::1]:0", Routes());
          } catch (const BindError& e) {
            EXPECT_STREQ(e.what(),
                         "cannot listen on [::1]:0: the civetweb library "
                         "was built without IPv6");
            throw;
          }
        },
        BindError);
    return;
  }
  WebServer server("[::1]:0", Routes());
  ASSERT_GT(server.port(), 0);
  Reply r = Get("http://[::1]:" + std::to_string(server.port()) + "/metrics");
  EXPECT_EQ(r.status, 200);
}

TEST_F(WebServerTest, PortInUseIsABindErrorNamingTheAddress) {
  WebServer first("127.0.0.1:0", Routes());
  std::string address = "127.0.0.1:" + std::to_string(first.port());
  try {
    WebServer second(address, Routes());
    FAIL() << "bound twice";
  } catch (const BindError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on " + address),
              std::string::npos)
        << e.what();
  }
}

TEST(ListenSpecTest, TranslatesAndRejects) {
  EXPECT_EQ(CivetListenSpec("127.0.0.1:9877"), "127.0.0.1:9877");
  EXPECT_EQ(CivetListenSpec(":9877"), "9877");
  EXPECT_EQ(CivetListenSpec("[::1]:9877"), "+[::1]:9877");
  for (const char* bad :
       {"9877", "host", "host:", "host:99999", "::1:9877", "host:12ab"}) {
    EXPECT_THROW(CivetListenSpec(bad), BindError) << bad;
  }
}

}  // namespace
}  // namespace webex
