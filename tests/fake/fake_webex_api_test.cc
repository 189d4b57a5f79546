#include "exporter/fake/fake_webex_api.h"

#include <civetweb.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fake_api_fixture.h"

namespace webex::fake::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::StartsWith;

milliseconds Since(steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
}

using FakeWebexApiTest = FakeApiTest;

TEST_F(FakeWebexApiTest, ListensOnLoopbackWithAnEphemeralPort) {
  EXPECT_GT(api_->port(), 0);
  EXPECT_EQ(api_->host_port(), "127.0.0.1:" + std::to_string(api_->port()));
  EXPECT_THAT(base_url_, StartsWith("http://127.0.0.1:"));
  EXPECT_THAT(base_url_, ::testing::EndsWith("/v1"));
}

TEST_F(FakeWebexApiTest, StartTwiceThrows) {
  EXPECT_THROW(api_->Start(), std::runtime_error);
}

TEST_F(FakeWebexApiTest, StopCutsOffAHungRequestPromptly) {
  Control("POST", "/faults", R"([{"hang":true}])");
  std::future<HttpResult> hung = std::async(std::launch::async, [this] {
    HttpRequest request;
    request.url = SettingsUrl(first_location_id_);
    request.headers = {kAuthorization};
    request.timeout = milliseconds(5000);
    return Send(request);
  });
  for (int i = 0; i < 40 && Stat("in_flight") == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(25));
  }

  steady_clock::time_point start = steady_clock::now();
  api_->Stop();

  EXPECT_LT(Since(start), milliseconds(1000));
  EXPECT_NE(hung.get().curl_code, CURLE_OK);
}

class FakeWebexApiLatencyTest : public FakeApiTest {
 protected:
  void SetUp() override {
    options_.latency = milliseconds(500);
    StartFake();
  }
};

TEST_F(FakeWebexApiLatencyTest, DelaysManyRequestsAtOnce) {
  constexpr int kClients = 110;
  steady_clock::time_point start = steady_clock::now();
  std::vector<std::future<long>> statuses;
  for (int i = 0; i < kClients; ++i) {
    statuses.push_back(std::async(std::launch::async, [this] {
      return GetSettings(first_location_id_).status;
    }));
  }
  for (std::future<long>& status : statuses) EXPECT_EQ(status.get(), 200);

  EXPECT_GE(Since(start), milliseconds(500));
  EXPECT_LT(Since(start), milliseconds(2500));
  EXPECT_GE(Stat("max_in_flight"), 100);
}

class FakeWebexApiAddressTest : public FakeApiTest {
 protected:
  void SetUp() override {}
};

TEST_F(FakeWebexApiAddressTest, RejectsAnAddressThatIsNotAnIpLiteral) {
  options_.listen = "localhost:0";
  FakeWebexApi api(options_);

  EXPECT_THROW(api.Start(), std::runtime_error);
}

TEST_F(FakeWebexApiAddressTest, ListensOnIpv6LoopbackWhenCivetwebCan) {
  options_.listen = "[::1]:0";
  FakeWebexApi api(options_);

  if (mg_check_feature(MG_FEATURES_IPV6) == 0) {
    try {
      api.Start();
      FAIL() << "expected the start to fail without IPv6 support";
    } catch (const std::runtime_error& error) {
      EXPECT_THAT(error.what(), HasSubstr("no IPv6 support"));
    }
    return;
  }
  api.Start();
  HttpResult result = Get(api.base_url() + "/locations", {kAuthorization});
  EXPECT_EQ(result.status, 200);
  api.Stop();
}

}  // namespace
}  // namespace webex::fake::testing
