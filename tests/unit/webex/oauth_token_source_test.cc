#include "webex/oauth_token_source.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "unit/support/dispatcher_rig.h"
#include "webex/access_token_grant.h"

namespace webex {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::ScriptedTransport;
using testing::Status;

const std::string kBase = "http://api.test:8080/v1";
const char* kSecret = "CLIENT-SECRET-4f1d";
const char* kRefresh = "REFRESH-TOKEN-9a2c";

HttpResponse Granted(const std::string& access, int64_t expires_in,
                     const std::string& refresh = "") {
  std::string body = R"({"access_token":")" + access + R"(","expires_in":)" +
                     std::to_string(expires_in) + R"(,"token_type":"Bearer")";
  if (!refresh.empty()) {
    body += R"(,"refresh_token":")" + refresh +
            R"(","refresh_token_expires_in":7776000)";
  }
  return Status(200, body + "}");
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// An OAuthTokenSource over a scripted token endpoint (one attempt per
// renewal: no retries), with its secret files in a fresh directory.
struct Rig : testing::DispatcherRig {
  explicit Rig(const std::string& refresh_name = "refresh")
      : DispatcherRig([this](const HttpRequest&) { return Next(); },
                      Options{1, 0, 0}),
        dir(fs::temp_directory_path() /
            ("oauth-source-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        refresh_file(dir / refresh_name),
        exporter_metrics(registry, "v", "r"),
        source(kBase,
               OAuthConfig{"CLIENT-ID", (dir / "secret").string(),
                           refresh_file.string()},
               dispatcher, metrics, exporter_metrics, log, clock) {
    fs::create_directories(dir);
    std::ofstream(dir / "secret") << kSecret << "\n";
    std::ofstream(refresh_file) << kRefresh << "\n";
  }
  ~Rig() { fs::remove_all(dir); }

  HttpResponse Next() {
    if (script.empty()) {
      ADD_FAILURE() << "an unexpected request";
      return Status(500);
    }
    HttpResponse answer = script.front();
    script.pop_front();
    return answer;
  }

  TokenResult Current() { return source.Current(clock.Now() + minutes(1)); }

  std::string Token() {
    TokenResult token = Current();
    if (auto* problem = std::get_if<TokenProblem>(&token)) {
      ADD_FAILURE() << problem->message;
      return "";
    }
    return std::get<std::string>(token);
  }

  size_t Requests() const { return transport.started().size(); }
  const HttpRequest& LastRequest() const {
    return transport.started().back().request;
  }

  double Errors(const std::string& reason) {
    return Value("webex_api_errors_total",
                 {{"endpoint", "access_token"}, {"reason", reason}});
  }

  fs::path dir;
  fs::path refresh_file;
  std::deque<HttpResponse> script;
  ExporterMetrics exporter_metrics;
  OAuthTokenSource source;
};

TEST(OAuthTokenSourceTest, RenewsAtStartWithTheRefreshGrant) {
  Rig rig;
  rig.script = {Granted("ACCESS-1", 3600)};
  double asked_unix = rig.clock.UnixSeconds();

  EXPECT_EQ(rig.Token(), "ACCESS-1");
  ASSERT_EQ(rig.Requests(), 1u);
  const HttpRequest& sent = rig.LastRequest();
  EXPECT_EQ(sent.url, kBase + "/access_token");
  EXPECT_EQ(sent.form_body, RefreshGrantForm("CLIENT-ID", kSecret, kRefresh));
  EXPECT_NE(std::find(sent.headers.begin(), sent.headers.end(),
                      "Content-Type: application/x-www-form-urlencoded"),
            sent.headers.end());
  EXPECT_EQ(rig.Value("webex_api_requests_total",
                      {{"endpoint", "access_token"}, {"code", "200"}}),
            1);
  EXPECT_DOUBLE_EQ(rig.Value("webex_exporter_token_expiry_timestamp_seconds"),
                   asked_unix + 3600);
}

TEST(OAuthTokenSourceTest, KeepsTheTokenUntilTheMarginThenRenews) {
  Rig rig;
  rig.script = {Granted("ACCESS-1", 3600), Granted("ACCESS-2", 3600)};
  EXPECT_EQ(rig.Token(), "ACCESS-1");

  // An hour's token is renewed 6 minutes (a tenth) before it expires.
  rig.clock.Advance(minutes(54) - seconds(2));
  EXPECT_EQ(rig.Token(), "ACCESS-1");
  EXPECT_EQ(rig.Requests(), 1u);

  rig.clock.Advance(seconds(2));
  EXPECT_EQ(rig.Token(), "ACCESS-2");
  EXPECT_EQ(rig.Requests(), 2u);
}

TEST(OAuthTokenSourceTest, MarginAndBackoffStayWithinTheirBounds) {
  using Source = OAuthTokenSource;
  Duration two_weeks = hours(24 * 14);
  EXPECT_EQ(Source::RenewalMargin(two_weeks), two_weeks / 10);
  EXPECT_EQ(Source::RenewalMargin(hours(1)), minutes(6));
  EXPECT_EQ(Source::RenewalMargin(minutes(20)), minutes(5));
  EXPECT_EQ(Source::RenewalMargin(seconds(4)), seconds(2));

  EXPECT_EQ(Source::RenewalBackoff(1), seconds(1));
  EXPECT_EQ(Source::RenewalBackoff(2), seconds(2));
  EXPECT_EQ(Source::RenewalBackoff(5), seconds(16));
  EXPECT_EQ(Source::RenewalBackoff(9), seconds(256));
  EXPECT_EQ(Source::RenewalBackoff(10), minutes(5));
  EXPECT_EQ(Source::RenewalBackoff(1000000), minutes(5));
}

TEST(OAuthTokenSourceTest, RenewsOnceAfterA401ForTheTokenItHolds) {
  Rig rig;
  rig.script = {Granted("ACCESS-1", 3600), Granted("ACCESS-2", 3600)};
  ASSERT_EQ(rig.Token(), "ACCESS-1");

  auto deadline = rig.clock.Now() + minutes(1);
  EXPECT_EQ(rig.source.Renewed("ACCESS-1", deadline), "ACCESS-2");
  EXPECT_EQ(rig.Requests(), 2u);
  // A 401 for a token it no longer holds: the current one is worth a try
  // and nothing is renewed.
  EXPECT_EQ(rig.source.Renewed("ACCESS-1", deadline), "ACCESS-2");
  EXPECT_EQ(rig.Requests(), 2u);
  EXPECT_EQ(rig.Token(), "ACCESS-2");
}

TEST(OAuthTokenSourceTest, AFailedRenewalBacksOffAndKeepsTheOldToken) {
  Rig rig;
  rig.script = {Granted("ACCESS-1", 3600), Status(503), Status(503),
                Granted("ACCESS-2", 3600)};
  ASSERT_EQ(rig.Token(), "ACCESS-1");
  rig.clock.Advance(minutes(55));

  // Due, but the renewal fails: the old token is still good for 5 min.
  EXPECT_EQ(rig.Token(), "ACCESS-1");
  EXPECT_EQ(rig.Requests(), 2u);
  EXPECT_EQ(rig.Token(), "ACCESS-1");  // within the 1 s backoff
  EXPECT_EQ(rig.Requests(), 2u);

  rig.clock.Advance(seconds(1));
  EXPECT_EQ(rig.Token(), "ACCESS-1");  // fails again; now 2 s
  EXPECT_EQ(rig.Requests(), 3u);
  rig.clock.Advance(seconds(1));
  EXPECT_EQ(rig.Token(), "ACCESS-1");
  EXPECT_EQ(rig.Requests(), 3u);

  rig.clock.Advance(seconds(1));
  EXPECT_EQ(rig.Token(), "ACCESS-2");
  EXPECT_EQ(rig.Requests(), 4u);
  EXPECT_EQ(rig.Errors("server_error"), 2);

  std::string log = rig.Logged();
  EXPECT_EQ(Occurrences(log, "msg=\"access token renewal failing\""), 1u)
      << log;
  EXPECT_NE(log.find("status=503 reason=server_error"), std::string::npos)
      << log;
  EXPECT_EQ(Occurrences(log, "msg=\"access token renewal recovered\""), 1u);
}

// At shutdown the dispatcher abandons the renewal: that is no failure.
TEST(OAuthTokenSourceTest, ARenewalCutShortByShutdownWarnsOfNothing) {
  Rig rig;
  rig.dispatcher.Stop();
  rig.Current();
  EXPECT_EQ(rig.Logged().find("renewal failing"), std::string::npos)
      << rig.Logged();
}

TEST(OAuthTokenSourceTest, WithNoValidTokenAFailureIsAProblem) {
  Rig rig;
  rig.script = {Status(400, R"({"error":"invalid_grant",)"
                            R"("error_description":"The refresh token is )"
                            R"(invalid or has been replaced."})"),
                Granted("ACCESS-1", 3600)};
  TokenResult first = rig.Current();
  ASSERT_TRUE(std::holds_alternative<TokenProblem>(first));
  EXPECT_EQ(std::get<TokenProblem>(first).message,
            "access token renewal failing: client_error: invalid_grant: The "
            "refresh token is invalid or has been replaced.");
  EXPECT_EQ(rig.Errors("client_error"), 1);
  // The gauge stays absent until a token with a known expiry arrives.
  EXPECT_EQ(rig.Value("webex_exporter_token_expiry_timestamp_seconds"), -1);

  // A 401 within the backoff renews nothing: no loop.
  auto deadline = rig.clock.Now() + minutes(1);
  EXPECT_EQ(rig.source.Renewed("ANY", deadline), std::nullopt);
  EXPECT_EQ(rig.Requests(), 1u);

  rig.clock.Advance(seconds(1));
  EXPECT_EQ(rig.Token(), "ACCESS-1");
}

TEST(OAuthTokenSourceTest, AnAnswerWithoutAUsableTokenIsCounted) {
  Rig rig;
  rig.script = {Status(200, "<html>proxy</html>"),
                Status(200, R"({"expires_in":60})")};
  EXPECT_TRUE(std::holds_alternative<TokenProblem>(rig.Current()));
  rig.clock.Advance(seconds(1));
  EXPECT_TRUE(std::holds_alternative<TokenProblem>(rig.Current()));
  EXPECT_EQ(rig.Errors("invalid_json"), 1);
  EXPECT_EQ(rig.Errors("invalid_payload"), 1);
}

TEST(OAuthTokenSourceTest, RereadsTheSecretFilesAtEachRenewal) {
  Rig rig;
  rig.script = {Granted("ACCESS-1", 60), Granted("ACCESS-2", 60)};
  ASSERT_EQ(rig.Token(), "ACCESS-1");
  std::ofstream(rig.dir / "secret") << "NEW-SECRET\n";
  std::ofstream(rig.dir / "refresh") << "NEW-REFRESH\n";

  rig.clock.Advance(seconds(31));
  ASSERT_EQ(rig.Token(), "ACCESS-2");
  EXPECT_EQ(rig.LastRequest().form_body,
            RefreshGrantForm("CLIENT-ID", "NEW-SECRET", "NEW-REFRESH"));
}

TEST(OAuthTokenSourceTest, AnUnreadableSecretFileFailsWithoutARequest) {
  Rig rig;
  fs::remove(rig.dir / "secret");
  TokenResult token = rig.Current();
  ASSERT_TRUE(std::holds_alternative<TokenProblem>(token));
  EXPECT_NE(
      std::get<TokenProblem>(token).message.find(
          "cannot read client secret file " + (rig.dir / "secret").string()),
      std::string::npos);
  EXPECT_EQ(rig.Requests(), 0u);
  EXPECT_NE(rig.Logged().find("reason=unreadable_file"), std::string::npos);
}

TEST(OAuthTokenSourceTest, ARotatedRefreshTokenIsWrittenBackAtomically) {
  Rig rig;
  chmod((rig.dir / "refresh").c_str(), 0640);
  rig.script = {Granted("ACCESS-1", 60, "REFRESH-ROTATED"),
                Granted("ACCESS-2", 60, "REFRESH-ROTATED")};
  ASSERT_EQ(rig.Token(), "ACCESS-1");

  EXPECT_EQ(ReadFile(rig.dir / "refresh"), "REFRESH-ROTATED\n");
  struct stat info {};
  stat((rig.dir / "refresh").c_str(), &info);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(rig.dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 2u);  // the secret and the refresh token, no temporary

  rig.clock.Advance(seconds(31));
  ASSERT_EQ(rig.Token(), "ACCESS-2");
  EXPECT_EQ(rig.LastRequest().form_body,
            RefreshGrantForm("CLIENT-ID", kSecret, "REFRESH-ROTATED"));
}

TEST(OAuthTokenSourceTest, AnUnsavedRotationIsKeptInMemoryAndUsed) {
  // The file can be read, but a temporary name next to it is too long to
  // create (255 bytes at most), so the write fails even for root.
  Rig rig(std::string(250, 'r'));
  rig.script = {Granted("ACCESS-1", 60, "REFRESH-2"),
                Granted("ACCESS-2", 60, "REFRESH-3"), Granted("ACCESS-3", 60)};
  ASSERT_EQ(rig.Token(), "ACCESS-1");
  EXPECT_EQ(ReadFile(rig.refresh_file), std::string(kRefresh) + "\n");

  rig.clock.Advance(seconds(31));
  ASSERT_EQ(rig.Token(), "ACCESS-2");
  EXPECT_EQ(rig.LastRequest().form_body,
            RefreshGrantForm("CLIENT-ID", kSecret, "REFRESH-2"));
  rig.clock.Advance(seconds(31));
  ASSERT_EQ(rig.Token(), "ACCESS-3");
  EXPECT_EQ(rig.LastRequest().form_body,
            RefreshGrantForm("CLIENT-ID", kSecret, "REFRESH-3"));

  std::string log = rig.Logged();
  EXPECT_EQ(Occurrences(log,
                        "msg=\"cannot save the rotated refresh token; "
                        "keeping it in memory\""),
            1u)
      << log;
  EXPECT_EQ(log.find("REFRESH-"), std::string::npos) << log;
}

TEST(OAuthTokenSourceTest, NoSecretOrTokenEverReachesTheLog) {
  Rig rig;
  // An endpoint that echoes what it was sent in its error.
  rig.script = {
      Status(400, std::string(R"({"error":"invalid_client",)") +
                      R"("error_description":"bad )" + kSecret + " for " +
                      kRefresh + R"("})"),
      Granted("ACCESS-SECRET-1", 60, "REFRESH-SECRET-2"),
      Status(401, std::string(R"({"message":"token )") + kSecret + R"("})")};
  TokenResult failed = rig.Current();
  rig.clock.Advance(seconds(1));
  ASSERT_EQ(rig.Token(), "ACCESS-SECRET-1");
  auto deadline = rig.clock.Now() + minutes(1);
  EXPECT_EQ(rig.source.Renewed("ACCESS-SECRET-1", deadline), std::nullopt);

  std::string log = rig.Logged();
  EXPECT_NE(log.find("reason=client_error"), std::string::npos) << log;
  EXPECT_NE(log.find("<redacted>"), std::string::npos) << log;
  std::string problem = std::get<TokenProblem>(failed).message;
  for (const char* secret :
       {kSecret, kRefresh, "ACCESS-SECRET-1", "REFRESH-SECRET-2"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << "\n" << log;
    EXPECT_EQ(problem.find(secret), std::string::npos) << problem;
  }
}

}  // namespace
}  // namespace webex
