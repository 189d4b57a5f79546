// The /v1 side of the fake, exercised over HTTP.
#include "exporter/fake/webex_api_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>

#include "exporter/fake/paging.h"
#include "fake_api_fixture.h"

namespace webex::fake::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

std::string_view Field(simdjson::dom::element json, const char* pointer) {
  return json.at_pointer(pointer).get_string().value();
}

// The URL between < and > of a Link header, or "".
std::string NextLink(const HttpResult& result) {
  auto link = result.headers.find("link");
  if (link == result.headers.end()) return "";

  size_t open = link->second.find('<');
  size_t close = link->second.find('>');
  EXPECT_THAT(link->second, HasSubstr("rel=\"next\""));
  return link->second.substr(open + 1, close - open - 1);
}

using WebexApiRoutesTest = FakeApiTest;

TEST_F(WebexApiRoutesTest, ServesTheFirstLocationsSettings) {
  HttpResult result = GetSettings(first_location_id_);

  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.headers["content-type"], "application/json");
  EXPECT_FALSE(result.headers["trackingid"].empty());
  EXPECT_EQ(result.body,
            R"({"callParkRecall":{"huntGroupId":"Y2lzY29zcGFyazovL3VzL0hVTlRf)"
            R"(R1JPVVAvZEdWamFHNXBZMkZzTFhOMWNIQnZjblF0TlRVMU9EWTNOVE13T1VCbm)"
            R"(JXRnBiQzVqYjIwPQ","huntGroupName":"Technical Support Group - )"
            R"(5558675309","option":"ALERT_HUNT_GROUP_ONLY"},)"
            R"("callParkSettings":{"ringPattern":"NORMAL","recallTime":45,)"
            R"("huntWaitTime":45}})");
}

TEST_F(WebexApiRoutesTest, MissingOrWrongTokenGets401WithAWebexErrorBody) {
  for (const std::vector<std::string>& headers :
       {std::vector<std::string>{},
        std::vector<std::string>{"Authorization: Bearer wrong"},
        std::vector<std::string>{"Authorization: good-token"}}) {
    HttpResult result = GetSettings(first_location_id_, headers);

    EXPECT_EQ(result.status, 401);
    simdjson::dom::parser parser;
    simdjson::dom::element error = parser.parse(result.body);
    EXPECT_THAT(std::string(Field(error, "/message")), HasSubstr("token"));
    EXPECT_FALSE(Field(error, "/errors/0/description").empty());
    EXPECT_EQ(Field(error, "/trackingId"), result.headers["trackingid"]);
  }
}

TEST_F(WebexApiRoutesTest, UnknownLocationGets404) {
  HttpResult result = GetSettings("Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL25vbmU");

  EXPECT_EQ(result.status, 404);
  EXPECT_THAT(result.body, HasSubstr("\"message\":"));
  EXPECT_EQ(result.headers["content-type"], "application/json");
}

TEST_F(WebexApiRoutesTest, ForeignOrgIdGets403) {
  std::string own =
      SettingsUrl(first_location_id_) + "?orgId=" + UrlEncode(api_->org_id());
  std::string foreign = SettingsUrl(first_location_id_) + "?orgId=other";

  EXPECT_EQ(Get(own, {kAuthorization}).status, 200);
  EXPECT_EQ(Get(foreign, {kAuthorization}).status, 403);
}

TEST_F(WebexApiRoutesTest, EchoesTheClientsTrackingId) {
  HttpResult ok = GetSettings(first_location_id_,
                              {kAuthorization, "TrackingID: exporter_42"});
  HttpResult denied = GetSettings(first_location_id_, {"TrackingID: x_1"});

  EXPECT_EQ(ok.headers["trackingid"], "exporter_42");
  EXPECT_EQ(denied.headers["trackingid"], "x_1");
  EXPECT_THAT(denied.body, HasSubstr("\"trackingId\":\"x_1\""));
}

TEST_F(WebexApiRoutesTest, TelephonyLocationsPageThroughLinkHeaders) {
  std::string url = base_url_ + "/telephony/config/locations?orgId=" +
                    UrlEncode(api_->org_id()) + "&max=2";
  std::vector<std::string> ids;
  int pages = 0;
  for (; !url.empty() && pages < 10; ++pages) {
    HttpResult page = Get(url, {kAuthorization});
    ASSERT_EQ(page.status, 200) << page.body;

    simdjson::dom::parser parser;
    for (simdjson::dom::element location :
         parser.parse(page.body)["locations"].get_array()) {
      ids.emplace_back(location["id"].get_string().value());
      EXPECT_EQ(location["orgId"].get_string().value(), api_->org_id());
    }
    url = NextLink(page);
    if (!url.empty()) {
      EXPECT_THAT(url, StartsWith(base_url_));
    }
  }

  EXPECT_EQ(pages, 3);
  std::vector<std::string> expected;
  for (const ListedLocation& location : ListLocations()) {
    expected.push_back(location.id);
  }
  EXPECT_EQ(ids, expected);
}

TEST_F(WebexApiRoutesTest, GeneralLocationsPageThroughLinkHeaders) {
  std::string url = base_url_ + "/locations?max=3";
  std::set<std::string> ids;
  int pages = 0;
  for (; !url.empty() && pages < 10; ++pages) {
    HttpResult page = Get(url, {kAuthorization});
    ASSERT_EQ(page.status, 200) << page.body;

    simdjson::dom::parser parser;
    for (simdjson::dom::element item :
         parser.parse(page.body)["items"].get_array()) {
      ids.emplace(item["id"].get_string().value());
    }
    url = NextLink(page);
  }

  EXPECT_EQ(pages, 2);
  EXPECT_EQ(ids.size(), 5u);
}

TEST_F(WebexApiRoutesTest, ListsNeedATokenAndSaneParameters) {
  EXPECT_EQ(Get(base_url_ + "/locations").status, 401);
  EXPECT_EQ(Get(base_url_ + "/locations?max=0", {kAuthorization}).status, 400);
  EXPECT_EQ(Get(base_url_ + "/nothing/here", {kAuthorization}).status, 404);
}

TEST_F(WebexApiRoutesTest, GeneratedIdsLookLikeWebexIds) {
  for (const ListedLocation& location : ListLocations()) {
    EXPECT_GE(location.id.size(), 78u);
    EXPECT_LE(location.id.size(), 86u);
    EXPECT_THAT(location.id, MatchesRegex("[A-Za-z0-9+/]+"));
  }
  EXPECT_THAT(api_->org_id(), MatchesRegex("[A-Za-z0-9+/]{80,90}"));
}

TEST_F(WebexApiRoutesTest, HuntGroupNameWithQuoteAndBackslashRoundTrips) {
  const std::string tricky = "Support \"Tier 2\" \\ Night";
  std::string id;
  for (const ListedLocation& location : ListLocations()) {
    if (location.hunt_group_name == tricky) id = location.id;
  }
  ASSERT_FALSE(id.empty()) << "no location has the tricky hunt group name";

  HttpResult result = GetSettings(id);
  simdjson::dom::parser parser;
  EXPECT_EQ(Field(parser.parse(result.body), "/callParkRecall/huntGroupName"),
            tricky);
}

TEST_F(WebexApiRoutesTest, RefreshGrantIssuesAWorkingTokenAndRotates) {
  auto grant = [this](const std::string& refresh_token) {
    HttpRequest request;
    request.method = "POST";
    request.url = base_url_ + "/access_token";
    request.body =
        "grant_type=refresh_token&client_id=client&client_secret=secret&"
        "refresh_token=" +
        refresh_token;
    return Send(request);
  };

  HttpResult first = grant("refresh-1");
  ASSERT_EQ(first.status, 200) << first.body;
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(first.body);
  std::string access(Field(body, "/access_token"));
  std::string next_refresh(Field(body, "/refresh_token"));
  EXPECT_EQ(Field(body, "/token_type"), "Bearer");
  EXPECT_GT(body["expires_in"].get_int64().value(), 0);

  EXPECT_EQ(GetSettings(first_location_id_, {"Authorization: Bearer " + access})
                .status,
            200);
  HttpResult reused = grant("refresh-1");
  EXPECT_EQ(reused.status, 400);
  EXPECT_THAT(reused.body, HasSubstr("\"error\":\"invalid_grant\""));
  EXPECT_EQ(grant(next_refresh).status, 200);
}

}  // namespace
}  // namespace webex::fake::testing
