#include "config/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace webex {
namespace {

namespace fs = std::filesystem;

const char* kInvalidDir = WEBEX_TEST_DATA "/unit/config/invalid";

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("WEBEX_TEST_TOKEN", "secret-token", 1); }
};

// Each fixture's first line is "# error: MESSAGE", {file} standing for
// the fixture's own path.
std::string ExpectedError(const fs::path& fixture) {
  std::ifstream in(fixture);
  std::string first;
  std::getline(in, first);
  std::string message = first.substr(std::string("# error: ").size());
  size_t at = message.find("{file}");
  message.replace(at, 6, fixture.string());
  return message;
}

TEST_F(LoaderTest, EveryInvalidFixtureFailsWithItsMessage) {
  int fixtures = 0;
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    SCOPED_TRACE(entry.path().filename().string());
    ++fixtures;
    try {
      LoadConfig(entry.path().string());
      ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.what(), ExpectedError(entry.path()));
    }
  }
  EXPECT_GE(fixtures, 20);
}

TEST_F(LoaderTest, MissingFileIsNamed) {
  try {
    LoadConfig("/nonexistent/exporter.yaml");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/exporter.yaml: cannot read the file");
  }
}

TEST_F(LoaderTest, EndlessFileIsCutOffNotSlurped) {
  try {
    LoadConfig("/dev/zero");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "/dev/zero: is larger than 8 MiB");
  }
}

TEST_F(LoaderTest, DirectoryIsNamedAsOne) {
  try {
    LoadConfig("/tmp");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "/tmp: is a directory, not a file");
  }
}

// Found by the config fuzzer: yaml-cpp's LoadAll never returned.
TEST_F(LoaderTest, InputThatLoopsYamlCppLoadAllIsRejected) {
  EXPECT_THROW(ParseConfig("!id,", "loop.yaml"), ConfigError);
  EXPECT_THROW(ParseConfig(",", "loop.yaml"), ConfigError);
}

TEST_F(LoaderTest, DeepNestingIsRefusedAsSuch) {
  std::string deep = "orgs: " + std::string(5000, '[') + std::string(5000, ']');
  try {
    ParseConfig(deep, "deep.yaml");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), testing::MatchesRegex(
                              "deep\\.yaml:1:[0-9]+: invalid YAML: nested "
                              "more than [0-9]+ levels deep"));
  }
}

// std::regex overflowed the stack compiling this; RE2 does not recurse.
TEST_F(LoaderTest, ADeeplyNestedPatternLoads) {
  std::string pattern = std::string(20000, '(') + "a" + std::string(20000, ')');
  std::string yaml =
      "webex: {token_env: WEBEX_TEST_TOKEN}\n"
      "orgs: [{id: O, discover: true, exclude: '" +
      pattern + "'}]\n";
  Config config = ParseConfig(yaml, "nested.yaml");
  EXPECT_EQ(config.orgs[0].exclude, pattern);
}

// A token pasted into the wrong key must not come back in the error.
TEST_F(LoaderTest, ATokenInTheWrongKeyIsNotQuotedBack) {
  const std::string token =
      "ZDI3MGEyYzQtNmFlNS00NDNhLWFmNzEtMDA0YTNjYTk4MjM3_PF84_1eb65fdf";
  const std::string orgs = "orgs: [{id: O, locations: [{id: L}]}]\n";
  for (const std::string& yaml : {
           "webex: {token_env: " + token + "}\n" + orgs,
           "webex: {token_file: " + token + "}\n" + orgs,
           "webex: " + token + "\n" + orgs,
           "webex: {token_env: T, max_concurrency: " + token + "}\n" + orgs,
           "webex: {token_env: T, timeout: " + token + "}\n" + orgs,
           "webex: {token_env: T, " + token + ": 1}\n" + orgs,
       }) {
    try {
      ParseConfig(yaml, "pasted.yaml");
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).find(token.substr(0, 20)),
                std::string::npos)
          << e.what();
      EXPECT_THAT(e.what(), testing::HasSubstr("not shown")) << e.what();
    }
  }
}

TEST_F(LoaderTest, ExplicitDocumentStartAloneIsOneDocument) {
  Config c = ParseConfig(
      "%YAML 1.2\n---\nwebex: {token_env: WEBEX_TEST_TOKEN}\n"
      "orgs: [{locations: [{id: LOC}]}]\n...\n",
      "inline.yaml");
  EXPECT_EQ(c.orgs.size(), 1u);
}

TEST_F(LoaderTest, BooleansAreYamlCoreSchemaOnes) {
  for (const char* word : {"true", "True", "TRUE"}) {
    Config c = ParseConfig(std::string("webex: {token_env: WEBEX_TEST_TOKEN}\n"
                                       "orgs: [{id: O, discover: ") +
                               word + "}]\n",
                           "bool.yaml");
    EXPECT_TRUE(c.orgs[0].discover) << word;
  }
  Config c = ParseConfig(
      "webex: {token_env: WEBEX_TEST_TOKEN}\n"
      "orgs: [{id: O, discover: False, locations: [{id: L}]}]\n",
      "bool.yaml");
  EXPECT_FALSE(c.orgs[0].discover);
}

TEST_F(LoaderTest, ReadsEveryKey) {
  Config c = ParseConfig(R"(
webex:
  base_url: http://127.0.0.1:8080/v1/
  token_env: WEBEX_TEST_TOKEN
  timeout: 2500ms
  max_concurrency: 16
  requests_per_second: 2.5
  max_retries: 1
poll:
  interval: 1m30s
  jitter: 20%
expected:
  recall_time: 45s
  option: ALERT_HUNT_GROUP_ONLY
orgs:
  - id: ORG
    expected: {hunt_wait_time: 60}
    locations:
      - id: LOC1
        name: HQ
        expected: {ring_pattern: NORMAL, hunt_group_id: HG}
      - id: LOC2
web:
  listen_address: "[::1]:9999"
)",
                         "inline.yaml");
  EXPECT_EQ(c.webex.base_url, "http://127.0.0.1:8080/v1");
  EXPECT_EQ(c.webex.token_env, "WEBEX_TEST_TOKEN");
  EXPECT_EQ(c.webex.timeout, Duration(2500));
  EXPECT_EQ(c.webex.max_concurrency, 16);
  EXPECT_DOUBLE_EQ(c.webex.requests_per_second, 2.5);
  EXPECT_EQ(c.webex.max_retries, 1);
  EXPECT_EQ(c.poll.interval, Duration(90000));
  EXPECT_DOUBLE_EQ(c.poll.jitter, 0.2);
  EXPECT_EQ(c.expected.recall_time, 45);
  EXPECT_EQ(c.expected.option, "ALERT_HUNT_GROUP_ONLY");
  ASSERT_EQ(c.orgs.size(), 1u);
  EXPECT_EQ(c.orgs[0].expected.hunt_wait_time, 60);
  ASSERT_EQ(c.orgs[0].locations.size(), 2u);
  EXPECT_EQ(c.orgs[0].locations[0].name, "HQ");
  EXPECT_EQ(c.orgs[0].locations[0].expected.ring_pattern, "NORMAL");
  EXPECT_EQ(c.orgs[0].locations[0].expected.hunt_group_id, "HG");
  EXPECT_EQ(c.orgs[0].locations[1].name, "");
  EXPECT_EQ(c.web.listen_address, "[::1]:9999");
}

TEST_F(LoaderTest, DefaultsApplyWhenKeysAreAbsent) {
  Config c = ParseConfig(
      "webex: {token_env: WEBEX_TEST_TOKEN}\n"
      "orgs: [{locations: [{id: LOC}]}]\n",
      "inline.yaml");
  EXPECT_EQ(c.webex.base_url, "https://webexapis.com/v1");
  EXPECT_EQ(c.webex.timeout, std::chrono::seconds(10));
  EXPECT_EQ(c.webex.max_concurrency, 8);
  EXPECT_EQ(c.poll.interval, std::chrono::minutes(5));
  EXPECT_EQ(c.web.listen_address, "127.0.0.1:9877");
  EXPECT_EQ(c.orgs[0].id, "");
}

TEST_F(LoaderTest, TokenWithControlCharactersIsRejected) {
  setenv("WEBEX_TEST_TOKEN", "abc\r\nX-Injected: 1", 1);
  try {
    ParseConfig(
        "webex: {token_env: WEBEX_TEST_TOKEN}\n"
        "orgs: [{locations: [{id: LOC}]}]\n",
        "inline.yaml");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("characters a token cannot have"),
              std::string::npos);
    EXPECT_EQ(message.find("Injected"), std::string::npos);
  }
}

TEST_F(LoaderTest, ReadsTheOAuthSection) {
  fs::path dir =
      fs::temp_directory_path() / ("loader-oauth-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "secret") << "client-secret\n";
  std::ofstream(dir / "refresh") << "refresh-token\n";
  Config c = ParseConfig(
      "webex:\n  oauth:\n    client_id: C0FFEE\n"
      "    client_secret_file: " +
          (dir / "secret").string() + "\n    refresh_token_file: " +
          (dir / "refresh").string() + "\norgs: [{locations: [{id: LOC}]}]\n",
      "inline.yaml");
  fs::remove_all(dir);

  ASSERT_TRUE(c.webex.oauth);
  EXPECT_EQ(c.webex.oauth->client_id, "C0FFEE");
  EXPECT_EQ(c.webex.oauth->client_secret_file, (dir / "secret").string());
  EXPECT_EQ(c.webex.oauth->refresh_token_file, (dir / "refresh").string());
  EXPECT_EQ(c.webex.token_file, "");
  EXPECT_EQ(c.webex.token_env, "");
}

TEST_F(LoaderTest, OAuthErrorsNeverQuoteTheSecret) {
  fs::path dir = fs::temp_directory_path() /
                 ("loader-oauth-bad-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "secret") << "s3cret\r\nX-Injected: 1\n";
  try {
    ParseConfig(
        "webex:\n  oauth:\n    client_id: C0FFEE\n"
        "    client_secret_file: " +
            (dir / "secret").string() +
            "\n    refresh_token_file: /etc/hostname\n"
            "orgs: [{locations: [{id: LOC}]}]\n",
        "inline.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("inline.yaml:4:25: webex.oauth.client_secret_file: "
                           "client secret file"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("holds characters a token cannot have"),
              std::string::npos);
    EXPECT_EQ(message.find("s3cret"), std::string::npos);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace webex
