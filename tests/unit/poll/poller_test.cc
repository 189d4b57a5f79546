#include "poll/poller.h"

#include <gtest/gtest.h>

#include "unit/support/dispatcher_rig.h"

namespace webex {
namespace {

using testing::Status;

const std::string kBase = "http://api.test:8080/v1";
const char* kSettings =
    R"({"callParkRecall":{"option":"ALERT_PARKING_USER_ONLY"},)"
    R"("callParkSettings":{"ringPattern":"NORMAL","recallTime":45,)"
    R"("huntWaitTime":45}})";

// Hands out `current`; a 401 turns it into `renewed`, if there is one.
class ScriptedTokens : public TokenSource {
 public:
  TokenResult Current(Clock::TimePoint) override { return current; }

  std::optional<std::string> Renewed(const std::string& refused,
                                     Clock::TimePoint) override {
    refusals.push_back(refused);
    if (renewed) current = *renewed;
    return renewed;
  }

  std::string current = "OLD";
  std::optional<std::string> renewed;
  std::vector<std::string> refusals;
};

bool Sends(const HttpRequest& request, const std::string& token) {
  const std::string header = "Authorization: Bearer " + token;
  return std::find(request.headers.begin(), request.headers.end(), header) !=
         request.headers.end();
}

// A poller over a scripted API that accepts only the token `accepted`.
struct Rig : testing::DispatcherRig {
  Rig()
      : DispatcherRig([this](const HttpRequest& r) { return Answer(r); },
                      Options{4, 0, 0}),
        client(kBase, dispatcher, metrics),
        lister(kBase, dispatcher, metrics),
        exporter_metrics(registry, "v", "r"),
        poller(client, lister, dispatcher, store, exporter_metrics, log, clock,
               tokens, PollConfig{}) {}

  HttpResponse Answer(const HttpRequest& request) {
    if (!stop_at.empty() && request.url.find(stop_at) != std::string::npos) {
      poller.Stop();  // as SIGTERM would, in the middle of the cycle
      if (answer_on_stop) return *answer_on_stop;
    }
    if (!Sends(request, accepted)) return Status(401);
    if (request.url.find("/callParks/") == std::string::npos) {
      return Status(200, R"({"locations":[{"id":"FOUND","name":"F"}]})");
    }
    return Status(200, kSettings);
  }

  void Poll(const std::vector<std::string>& ids, bool discover = false) {
    poller.SetConfig(ConfigOf(ids, discover));
  }

  static Config ConfigOf(const std::vector<std::string>& ids,
                         bool discover = false) {
    OrgConfig org;
    org.id = "ORG";
    org.discover = discover;
    for (const std::string& id : ids) org.locations.emplace_back().id = id;
    Config config;
    config.orgs = {org};
    return config;
  }

  size_t SentWith(const std::string& token) const {
    size_t count = 0;
    for (const auto& started : transport.started()) {
      count += Sends(started.request, token);
    }
    return count;
  }

  std::string accepted = "NEW";
  std::string stop_at;  // the poller is stopped when this is requested
  std::optional<HttpResponse> answer_on_stop;  // and this is the answer
  ScriptedTokens tokens;
  CallParkClient client;
  LocationLister lister;
  LocationStore store;
  ExporterMetrics exporter_metrics;
  Poller poller;
};

TEST(PollerTest, RequestsRefusedWith401AreRetriedOnceWithARenewedToken) {
  Rig rig;
  rig.tokens.renewed = "NEW";
  rig.Poll({"L1", "L2", "L3"});

  CycleSummary summary = rig.poller.RunCycle();
  EXPECT_EQ(summary.ok, 3u);
  EXPECT_EQ(summary.failed, 0u);
  EXPECT_EQ(rig.tokens.refusals, std::vector<std::string>{"OLD"});
  EXPECT_EQ(rig.SentWith("OLD"), 3u);
  EXPECT_EQ(rig.SentWith("NEW"), 3u);
  EXPECT_EQ(rig.store.LastOutcome("L2"), true);
  EXPECT_EQ(rig.Logged().find("location poll failing"), std::string::npos);
}

TEST(PollerTest, ATokenRefusedAfterItsRenewalIsNotRenewedAgain) {
  Rig rig;
  rig.accepted = "NONE";
  rig.tokens.renewed = "NEW";
  rig.Poll({"L1", "L2"});

  CycleSummary summary = rig.poller.RunCycle();
  EXPECT_EQ(summary.failed, 2u);
  EXPECT_EQ(rig.tokens.refusals.size(), 1u);
  EXPECT_EQ(rig.transport.started().size(), 4u);
  EXPECT_NE(rig.Logged().find("reason=unauthorized"), std::string::npos);

  // The next cycle may renew once more, and only once.
  rig.poller.RunCycle();
  EXPECT_EQ(rig.tokens.refusals.size(), 2u);
  EXPECT_EQ(rig.transport.started().size(), 8u);
}

TEST(PollerTest, WithoutARenewedTokenRefusedLocationsFailAtOnce) {
  Rig rig;
  rig.Poll({"L1", "L2"});

  CycleSummary summary = rig.poller.RunCycle();
  EXPECT_EQ(summary.failed, 2u);
  EXPECT_EQ(rig.tokens.refusals.size(), 1u);
  EXPECT_EQ(rig.transport.started().size(), 2u);
  EXPECT_EQ(rig.store.LastOutcome("L1"), false);
}

TEST(PollerTest, DiscoveryRefusedWith401IsRetriedWithTheRenewedToken) {
  Rig rig;
  rig.tokens.renewed = "NEW";
  rig.Poll({}, true);

  CycleSummary summary = rig.poller.RunCycle();
  EXPECT_EQ(summary.ok, 1u);
  EXPECT_EQ(rig.store.LastOutcome("FOUND"), true);
  // Renewed for the listing; the settings went out with the new token.
  EXPECT_EQ(rig.tokens.refusals, std::vector<std::string>{"OLD"});
  EXPECT_EQ(rig.SentWith("OLD"), 1u);
  EXPECT_EQ(rig.SentWith("NEW"), 2u);
}

// Locations left when the exporter stops were not polled because it is
// exiting, not because they fail: a warning each would bury the log.
TEST(PollerTest, StoppingMidCycleWarnsOfNoLocation) {
  Rig rig;
  rig.accepted = "OLD";
  rig.stop_at = "/L2";
  rig.Poll({"L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8"});

  CycleSummary summary = rig.poller.RunCycle();
  EXPECT_GT(summary.skipped, 0u);
  EXPECT_EQ(rig.Logged().find("location poll failing"), std::string::npos)
      << rig.Logged();
}

TEST(PollerTest, StoppingDuringDiscoveryWarnsOfNothing) {
  Rig rig;
  rig.accepted = "OLD";
  rig.stop_at = "/telephony/config/locations?";
  rig.answer_on_stop = Status(503);  // what a request cut short may get
  rig.Poll({}, true);

  rig.poller.RunCycle();
  EXPECT_EQ(rig.Logged().find("discovery failing"), std::string::npos)
      << rig.Logged();
}

TEST(PollerTest, NoTokenFailsEveryLocationWithoutARequest) {
  Rig rig;
  struct NoTokens : TokenSource {
    TokenResult Current(Clock::TimePoint) override {
      return TokenProblem{"renewal failing"};
    }
    std::optional<std::string> Renewed(const std::string&,
                                       Clock::TimePoint) override {
      return std::nullopt;
    }
  } none;
  Poller poller(rig.client, rig.lister, rig.dispatcher, rig.store,
                rig.exporter_metrics, rig.log, rig.clock, none, PollConfig{});
  poller.SetConfig(Rig::ConfigOf({"L1"}));

  EXPECT_EQ(poller.RunCycle().failed, 1u);
  EXPECT_EQ(rig.transport.started().size(), 0u);
  EXPECT_NE(rig.Logged().find("msg=\"no token\" err=\"renewal failing\""),
            std::string::npos)
      << rig.Logged();
}

}  // namespace
}  // namespace webex
