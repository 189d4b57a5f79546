#include "webex/location_lister.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include "unit/support/dispatcher_rig.h"

namespace webex {
namespace {

using testing::FakeClock;
using testing::ScriptedTransport;
using testing::Status;

const std::string kBase = "http://api.test:8080/v1";

std::string Page(std::initializer_list<const char*> ids) {
  std::string body = R"({"locations":[)";
  bool first = true;
  for (const char* id : ids) {
    if (!first) body += ",";
    first = false;
    body += R"({"id":")" + std::string(id) + R"(","name":"Name )" + id +
            R"(","orgId":"ORG"})";
  }
  return body + "]}";
}

HttpResponse WithNext(HttpResponse r, const std::string& next) {
  r.link = "<" + next + ">; rel=\"next\"";
  return r;
}

struct Rig : testing::DispatcherRig {
  explicit Rig(ScriptedTransport::Answer answer)
      : DispatcherRig(std::move(answer), {2, 0, 0}),
        lister(kBase, dispatcher, metrics, 2) {}

  ListResult List(const std::string& org) {
    return lister.List(org, "TOKEN", clock.Now() + Duration(60000));
  }

  LocationLister lister;
};

TEST(LocationListerTest, FollowsNextLinksAndKeepsTheOrgId) {
  Rig rig([](const HttpRequest& request) {
    if (request.url.find("start=2") != std::string::npos) {
      return Status(200, Page({"C"}));
    }
    // The next link drops orgId, as some proxies do.
    return WithNext(Status(200, Page({"A", "B"})),
                    kBase + "/telephony/config/locations?start=2&max=2");
  });
  ListResult result = rig.List("ORG 1");
  auto& found = std::get<std::vector<DiscoveredLocation>>(result);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[2].id, "C");
  EXPECT_EQ(found[2].name, "Name C");

  const auto& started = rig.transport.started();
  ASSERT_EQ(started.size(), 2u);
  EXPECT_EQ(started[0].request.url,
            kBase + "/telephony/config/locations?max=2&orgId=ORG%201");
  EXPECT_EQ(started[1].request.url,
            kBase + "/telephony/config/locations?start=2&max=2&orgId=ORG%201");
}

TEST(LocationListerTest, StopsOnARepeatedLink) {
  Rig rig([](const HttpRequest&) {
    return WithNext(Status(200, Page({"A"})),
                    kBase + "/telephony/config/locations?start=1");
  });
  ListResult result = rig.List("");
  EXPECT_EQ(rig.transport.started().size(), 2u);
  // The first page came back under a second URL: A is still one location.
  auto& found = std::get<std::vector<DiscoveredLocation>>(result);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "A");
}

TEST(LocationListerTest, NeverFollowsALinkToAnotherHost) {
  Rig rig([](const HttpRequest&) {
    return WithNext(Status(200, Page({"A"})),
                    "http://elsewhere.test/v1/telephony/config/locations");
  });
  ListResult result = rig.List("ORG");
  EXPECT_EQ(std::get<std::vector<DiscoveredLocation>>(result).size(), 1u);
  EXPECT_EQ(rig.transport.started().size(), 1u);
}

TEST(LocationListerTest, FailuresCarryTheReason) {
  Rig forbidden([](const HttpRequest&) { return Status(403); });
  auto result = forbidden.List("ORG");
  EXPECT_EQ(std::get<ListFailure>(result).reason, ErrorReason::kForbidden);

  // As for settings answers: not JSON at all, or JSON of the wrong shape.
  Rig html([](const HttpRequest&) { return Status(200, "<html/>"); });
  result = html.List("ORG");
  EXPECT_EQ(std::get<ListFailure>(result).reason, ErrorReason::kInvalidJson);
  Rig shape([](const HttpRequest&) { return Status(200, R"({"items":[]})"); });
  result = shape.List("ORG");
  EXPECT_EQ(std::get<ListFailure>(result).reason, ErrorReason::kInvalidPayload);
}

// A failure below HTTP is told by the transport's words, not an API
// error message that is not there.
TEST(LocationListerTest, ATransportFailureCarriesItsDetail) {
  Rig refused([](const HttpRequest&) {
    HttpResponse response;
    response.error = TransportError::kNetwork;
    response.error_detail = "Couldn't connect to server";
    return response;
  });
  auto failure = std::get<ListFailure>(refused.List("ORG"));
  EXPECT_EQ(failure.reason, ErrorReason::kNetwork);
  EXPECT_EQ(failure.detail, "Couldn't connect to server");
}

TEST(NextLinkTest, FindsRelNextAmongOthers) {
  EXPECT_EQ(NextLink("<https://a/x?p=1>; rel=\"prev\", "
                     "<https://a/x?p=3>; rel=\"next\""),
            "https://a/x?p=3");
  EXPECT_EQ(NextLink("<https://a/x?p=3>; rel=next"), "https://a/x?p=3");
  EXPECT_EQ(NextLink("<https://a/x?p=1>; rel=\"prev\""), "");
  EXPECT_EQ(NextLink(""), "");
  EXPECT_EQ(NextLink("<unterminated"), "");
}

TEST(OriginOfTest, CutsAtThePath) {
  EXPECT_EQ(OriginOf("https://webexapis.com/v1/x"), "https://webexapis.com");
  EXPECT_EQ(OriginOf("http://127.0.0.1:9878?q"), "http://127.0.0.1:9878");
  EXPECT_EQ(OriginOf("no-scheme"), "");
}

}  // namespace
}  // namespace webex
