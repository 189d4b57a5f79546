#include "webex/dispatcher.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <map>

#include "unit/support/dispatcher_rig.h"

namespace webex {
namespace {

using testing::FakeClock;
using testing::ScriptedTransport;
using testing::Status;

// The shared rig, plus running a batch and reading a counter back.
struct Rig : testing::DispatcherRig {
  explicit Rig(ScriptedTransport::Answer answer, int concurrency = 4,
               double per_second = 0, int max_retries = 3)
      : DispatcherRig(std::move(answer),
                      {concurrency, per_second, max_retries}) {}

  std::map<size_t, ExchangeOutcome> Run(size_t count,
                                        Duration budget = Duration(600000)) {
    std::vector<HttpRequest> batch;
    for (size_t i = 0; i < count; ++i) {
      batch.push_back({"http://api/" + std::to_string(i), {}, ""});
    }
    std::map<size_t, ExchangeOutcome> outcomes;
    dispatcher.Run("callpark_settings", batch, clock.Now() + budget,
                   [&](size_t i, ExchangeOutcome o) {
                     EXPECT_FALSE(outcomes.count(i)) << "twice: " << i;
                     outcomes[i] = std::move(o);
                   });
    return outcomes;
  }

  // Runs requests "u0".."u<count-1>"; the transport's events, each
  // outcome noted in order as "done <index>".
  std::vector<std::string> Events(size_t count) {
    std::vector<HttpRequest> batch;
    for (size_t i = 0; i < count; ++i) {
      batch.push_back({"u" + std::to_string(i), {}, ""});
    }
    dispatcher.Run("callpark_settings", batch, clock.Now() + Duration(60000),
                   [&](size_t i, ExchangeOutcome) {
                     transport.Note("done " + std::to_string(i));
                   });
    return transport.events();
  }
};

TEST(DispatcherTest, NeverRunsMoreThanMaxConcurrency) {
  Rig rig([](const HttpRequest&) { return Status(200); }, 3);
  auto outcomes = rig.Run(20);
  EXPECT_EQ(outcomes.size(), 20u);
  EXPECT_EQ(rig.transport.max_running(), 3u);
}

// The next round is sent before the finished one is settled, so its
// requests do not wait for the parsing and storing of the last.
TEST(DispatcherTest, SendsTheNextRoundBeforeSettlingTheLast) {
  Rig rig([](const HttpRequest&) { return Status(200); }, 2);
  EXPECT_EQ(rig.Events(4),
            (std::vector<std::string>{"start u0", "start u1", "start u2",
                                      "start u3", "flush", "done 0", "done 1",
                                      "done 2", "done 3"}));
}

// After a failure the next start waits for the settling: a retry, or a
// 429's pause, must come first.
TEST(DispatcherTest, SettlesAFailedRoundBeforeStartingMore) {
  Rig rig(
      [](const HttpRequest& r) { return Status(r.url == "u0" ? 500 : 200); }, 2,
      0, 0);
  EXPECT_EQ(rig.Events(3),
            (std::vector<std::string>{"start u0", "start u1", "done 0",
                                      "done 1", "start u2", "done 2"}));
}

TEST(DispatcherTest, RateLimitSpacesStarts) {
  Rig rig([](const HttpRequest&) { return Status(200); }, 10, 5);
  rig.Run(10);
  const auto& started = rig.transport.started();
  ASSERT_EQ(started.size(), 10u);
  for (size_t i = 1; i < started.size(); ++i) {
    EXPECT_GE(started[i].at - started[i - 1].at, Duration(200)) << i;
  }
}

TEST(DispatcherTest, SendsAFreshTrackingIdPerAttempt) {
  Rig rig([](const HttpRequest&) { return Status(200); });
  rig.Run(3);
  std::set<std::string> ids;
  for (const auto& s : rig.transport.started()) {
    for (const auto& h : s.request.headers) {
      if (h.rfind("TrackingID: ", 0) == 0) ids.insert(h);
    }
  }
  EXPECT_EQ(ids.size(), 3u);
}

TEST(DispatcherTest, RetriesServerErrorsThenSucceeds) {
  int calls = 0;
  Rig rig([&](const HttpRequest&) { return Status(++calls <= 2 ? 503 : 200); });
  auto outcomes = rig.Run(1);
  EXPECT_EQ(outcomes[0].error, std::nullopt);
  EXPECT_EQ(outcomes[0].attempts, 3);
  EXPECT_EQ(rig.Value("webex_api_retries_total", {}), 2);
  EXPECT_EQ(rig.Value("webex_api_errors_total", {{"reason", "server_error"}}),
            2);
  EXPECT_EQ(rig.Value("webex_api_requests_total", {{"code", "503"}}), 2);
  EXPECT_EQ(rig.Value("webex_api_requests_total", {{"code", "200"}}), 1);
}

TEST(DispatcherTest, GivesUpAfterMaxRetries) {
  Rig rig([](const HttpRequest&) { return Status(500); }, 4, 0, 2);
  auto outcomes = rig.Run(1);
  EXPECT_EQ(outcomes[0].error, ErrorReason::kServerError);
  EXPECT_EQ(outcomes[0].attempts, 3);
}

TEST(DispatcherTest, ClientErrorsAreNotRetried) {
  for (long status : {400, 401, 403, 404, 405, 409, 410, 415, 428}) {
    Rig rig([&](const HttpRequest&) { return Status(status); });
    auto outcomes = rig.Run(1);
    EXPECT_EQ(outcomes[0].attempts, 1) << status;
    EXPECT_EQ(outcomes[0].error, ReasonForStatus(status)) << status;
  }
}

TEST(DispatcherTest, RetryAfterPausesEveryRequest) {
  int calls = 0;
  Rig rig(
      [&](const HttpRequest&) {
        if (++calls > 1) return Status(200);
        HttpResponse r = Status(429);
        r.retry_after = "7";
        return r;
      },
      1);
  auto outcomes = rig.Run(3);
  const auto& started = rig.transport.started();
  ASSERT_EQ(started.size(), 4u);
  // The 429 came back 100 ms after the first start; nothing may start
  // until 7 s after that.
  for (size_t i = 1; i < started.size(); ++i) {
    EXPECT_GE(started[i].at - started[0].at, Duration(7100)) << i;
  }
  EXPECT_EQ(rig.Value("webex_api_errors_total", {{"reason", "rate_limited"}}),
            1);
}

TEST(DispatcherTest, LogsAPauseOnceNotPerRequest) {
  Rig rig(
      [](const HttpRequest& request) {
        if (request.url.find("/3") != std::string::npos) return Status(200);
        HttpResponse r = Status(429);
        r.retry_after = "5";
        return r;
      },
      3, 0, 0);
  rig.Run(4);
  std::string log = rig.Logged();
  size_t first = log.find("api asked to wait; pausing every request");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("api asked to wait", first + 1), std::string::npos) << log;
  EXPECT_NE(log.find("retry_after_seconds=5 "), std::string::npos) << log;
}

TEST(DispatcherTest, A429ShrinksTheBudgetForEveryoneAndSuccessWinsItBack) {
  int calls = 0;
  Rig rig([&](const HttpRequest&) { return Status(++calls == 1 ? 429 : 200); },
          1, 10);
  rig.Run(1);
  // One 429 (halved to 5/s), then one success (+1/s).
  EXPECT_DOUBLE_EQ(rig.limiter.CurrentRate(), 6);
  const auto& started = rig.transport.started();
  ASSERT_EQ(started.size(), 2u);
}

TEST(DispatcherTest, TransportFailuresMapToReasons) {
  std::map<TransportError, ErrorReason> cases = {
      {TransportError::kTimeout, ErrorReason::kTimeout},
      {TransportError::kNetwork, ErrorReason::kNetwork},
      {TransportError::kTls, ErrorReason::kTls},
      {TransportError::kTooLarge, ErrorReason::kInvalidPayload}};
  for (auto [error, reason] : cases) {
    Rig rig(
        [&](const HttpRequest&) {
          HttpResponse r;
          r.error = error;
          return r;
        },
        4, 0, 0);
    auto outcomes = rig.Run(1);
    EXPECT_EQ(outcomes[0].error, reason);
  }
}

TEST(DispatcherTest, RequestsNotStartedByTheDeadlineAreAbandoned) {
  Rig rig([](const HttpRequest&) { return Status(200); }, 1);
  auto outcomes = rig.Run(10, Duration(450));
  ASSERT_EQ(outcomes.size(), 10u);
  size_t abandoned = 0;
  for (auto& [i, o] : outcomes) abandoned += o.abandoned;
  EXPECT_EQ(abandoned, 5u);
}

TEST(DispatcherTest, KeepsTheApisTrackingIdElseOurs) {
  int calls = 0;
  Rig rig(
      [&](const HttpRequest&) {
        HttpResponse r = Status(404);
        if (++calls == 1) r.tracking_id = "API_1";
        return r;
      },
      1);
  auto outcomes = rig.Run(2);
  EXPECT_EQ(outcomes[0].tracking_id, "API_1");
  EXPECT_EQ(outcomes[1].tracking_id.rfind("WEBEX-CALLPARK-EXPORTER_", 0), 0u);
}

}  // namespace
}  // namespace webex
