// The /_fake control API, and the faults it scripts, exercised over HTTP.
#include "exporter/fake/control_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "fake_api_fixture.h"

namespace webex::fake::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::Not;

using ControlRoutesTest = FakeApiTest;

milliseconds Since(steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
}

TEST_F(ControlRoutesTest, FaultSequenceIsConsumedInOrderThenAnswersResume) {
  ASSERT_EQ(Control("POST", "/locations/" + first_location_id_ + "/faults",
                    R"([{"status":503,"headers":{"Retry-After":"2"}},
                        {"status":429}])")
                .status,
            200);

  HttpResult unavailable = GetSettings(first_location_id_);
  HttpResult limited = GetSettings(first_location_id_);
  HttpResult normal = GetSettings(first_location_id_);

  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.headers["retry-after"], "2");
  EXPECT_THAT(unavailable.body, HasSubstr("\"trackingId\":"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(normal.status, 200);
  EXPECT_THAT(normal.body, HasSubstr("callParkSettings"));
}

TEST_F(ControlRoutesTest, FaultsApplyOnlyToTheirLocation) {
  std::string other = ListLocations().at(1).id;
  Control("POST", "/locations/" + first_location_id_ + "/faults",
          R"([{"status":500}])");

  EXPECT_EQ(GetSettings(other).status, 200);
  EXPECT_EQ(GetSettings(first_location_id_).status, 500);
}

TEST_F(ControlRoutesTest, GlobalFaultsComeBeforePerLocationOnes) {
  Control("POST", "/locations/" + first_location_id_ + "/faults",
          R"([{"status":502}])");
  Control("POST", "/faults", R"([{"status":504}])");

  EXPECT_EQ(GetSettings(first_location_id_).status, 504);
  EXPECT_EQ(GetSettings(first_location_id_).status, 502);
  EXPECT_EQ(GetSettings(first_location_id_).status, 200);
}

TEST_F(ControlRoutesTest, DeleteClearsAFaultSequence) {
  std::string path = "/locations/" + first_location_id_ + "/faults";
  Control("POST", path, R"([{"status":500},{"status":500}])");

  EXPECT_EQ(Control("DELETE", path).status, 204);
  EXPECT_EQ(GetSettings(first_location_id_).status, 200);
}

TEST_F(ControlRoutesTest, BodyWithoutStatusIsSentRawWith200) {
  Control("POST", "/faults",
          R"([{"body":"<html>proxy</html>",
               "headers":{"Content-Type":"text/html"}}])");

  HttpResult result = GetSettings(first_location_id_);

  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "<html>proxy</html>");
  EXPECT_EQ(result.headers["content-type"], "text/html");
}

TEST_F(ControlRoutesTest, DropClosesTheConnectionWithoutAnAnswer) {
  Control("POST", "/faults", R"([{"drop":true}])");

  HttpResult dropped = GetSettings(first_location_id_);

  EXPECT_EQ(dropped.curl_code, CURLE_GOT_NOTHING);
  EXPECT_EQ(GetSettings(first_location_id_).status, 200);
}

TEST_F(ControlRoutesTest, TrickleSendsTheBodySlowlyButWhole) {
  Control("POST", "/faults",
          R"([{"status":200,"body":"abcdef","trickle_ms":50}])");

  steady_clock::time_point start = steady_clock::now();
  HttpResult result = GetSettings(first_location_id_);

  EXPECT_EQ(result.body, "abcdef");
  EXPECT_GE(Since(start), milliseconds(250));
}

TEST_F(ControlRoutesTest, HangDoesNotBlockOtherRequests) {
  Control("POST", "/locations/" + first_location_id_ + "/faults",
          R"([{"hang":true}])");
  std::future<HttpResult> hung = std::async(std::launch::async, [this] {
    HttpRequest request;
    request.url = SettingsUrl(first_location_id_);
    request.headers = {kAuthorization};
    request.timeout = milliseconds(1000);
    return Send(request);
  });
  std::this_thread::sleep_for(milliseconds(100));

  steady_clock::time_point start = steady_clock::now();
  HttpResult other = GetSettings(first_location_id_);
  EXPECT_EQ(other.status, 200);
  EXPECT_LT(Since(start), milliseconds(500));
  EXPECT_EQ(hung.get().curl_code, CURLE_OPERATION_TIMEDOUT);

  // The fake notices the client giving up and frees the request.
  for (int i = 0; i < 40 && Stat("in_flight") > 0; ++i) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_EQ(Stat("in_flight"), 0);
}

TEST_F(ControlRoutesTest, SettingsOverrideKeepsUnknownEnumsAndRawNumbers) {
  HttpResult put =
      Control("PUT", "/locations/" + first_location_id_ + "/settings",
              R"({"callParkRecall":{"option":"ALERT_SOMETHING_NEW"},
          "callParkSettings":{"ringPattern":"NORMAL","recallTime":100000,
                              "huntWaitTime":5}})");
  ASSERT_EQ(put.status, 200) << put.body;

  HttpResult result = GetSettings(first_location_id_);

  EXPECT_EQ(result.body,
            R"({"callParkRecall":{"option":"ALERT_SOMETHING_NEW"},)"
            R"("callParkSettings":{"ringPattern":"NORMAL","recallTime":100000,)"
            R"("huntWaitTime":5}})");
}

TEST_F(ControlRoutesTest, PatchChangesOnlyTheGivenFields) {
  HttpResult patch =
      Control("PATCH", "/locations/" + first_location_id_ + "/settings",
              R"({"recallTime":90,"ringPattern":"LONG_LONG"})");
  ASSERT_EQ(patch.status, 200) << patch.body;

  HttpResult result = GetSettings(first_location_id_);

  EXPECT_THAT(result.body, HasSubstr("\"recallTime\":90"));
  EXPECT_THAT(result.body, HasSubstr("\"ringPattern\":\"LONG_LONG\""));
  EXPECT_THAT(result.body, HasSubstr("\"huntWaitTime\":45"));
}

TEST_F(ControlRoutesTest, BadControlBodiesAreRejected) {
  std::string settings = "/locations/" + first_location_id_ + "/settings";

  EXPECT_EQ(Control("PUT", settings, R"({"recallTime":1})").status, 400);
  EXPECT_EQ(Control("POST", "/faults", "not json").status, 400);
  EXPECT_EQ(Control("PUT", "/locations/none/settings", "{}").status, 404);
  EXPECT_EQ(Control("GET", "/nothing").status, 404);
}

TEST_F(ControlRoutesTest, AddedLocationIsServedAndRemovedOneDisappears) {
  HttpResult added =
      Control("POST", "/locations", R"({"id":"TkVX","name":"Kraków 3"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Control("POST", "/locations", R"({"id":"TkVX"})").status, 409);
  EXPECT_EQ(GetSettings("TkVX").status, 200);

  EXPECT_EQ(Control("DELETE", "/locations/" + first_location_id_).status, 204);

  EXPECT_EQ(GetSettings(first_location_id_).status, 404);
  HttpResult listed = Get(base_url_ + "/locations", {kAuthorization});
  EXPECT_THAT(listed.body, Not(HasSubstr(first_location_id_)));
  EXPECT_THAT(listed.body, HasSubstr("Kraków 3"));
}

TEST_F(ControlRoutesTest, ReplacedTokensTakeEffectAtOnce) {
  ASSERT_EQ(Control("PUT", "/tokens", R"({"tokens":["next"]})").status, 204);

  EXPECT_EQ(GetSettings(first_location_id_).status, 401);
  EXPECT_EQ(
      GetSettings(first_location_id_, {"Authorization: Bearer next"}).status,
      200);
}

TEST_F(ControlRoutesTest, RecordsApiRequestsAndHowManyOverlapped) {
  Control("DELETE", "/requests");
  Control("POST", "/faults", R"([{"delay_ms":300},{"delay_ms":300},
                                 {"delay_ms":300},{"delay_ms":300}])");

  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([this] { GetSettings(first_location_id_); });
  }
  for (std::thread& client : clients) client.join();
  GetSettings(first_location_id_, {"TrackingID: unauthorized_1"});

  EXPECT_EQ(Stat("requests"), 5);
  EXPECT_EQ(Stat("max_in_flight"), 4);
  HttpResult records = Control("GET", "/requests");
  simdjson::dom::parser parser;
  simdjson::dom::array list = parser.parse(records.body).get_array();
  ASSERT_EQ(list.size(), 5u);
  simdjson::dom::element last = list.at(4);
  EXPECT_EQ(last["method"].get_string().value(), "GET");
  EXPECT_EQ(last["location_id"].get_string().value(), first_location_id_);
  EXPECT_EQ(last["tracking_id"].get_string().value(), "unauthorized_1");
  EXPECT_FALSE(last["authorized"].get_bool().value());
  EXPECT_EQ(last["status"].get_int64().value(), 401);
  EXPECT_GT(last["received_at"].get_double().value(), 1.6e9);
  EXPECT_TRUE(list.at(0)["authorized"].get_bool().value());
  EXPECT_EQ(list.at(0)["status"].get_int64().value(), 200);
}

}  // namespace
}  // namespace webex::fake::testing
