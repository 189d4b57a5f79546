#include "webex/settings_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace webex {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(WEBEX_TEST_DATA "/fixtures/") + name,
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CallParkSettings ParseOk(std::string_view body) {
  SettingsParser parser;
  ParseResult result = parser.Parse(body);
  if (auto* error = std::get_if<ParseError>(&result)) {
    ADD_FAILURE() << "rejected: " << error->detail;
    return {};
  }
  return std::get<CallParkSettings>(result);
}

ParseError ParseFails(std::string_view body) {
  SettingsParser parser;
  ParseResult result = parser.Parse(body);
  if (auto* error = std::get_if<ParseError>(&result)) return *error;
  ADD_FAILURE() << "accepted: " << body;
  return {};
}

TEST(SettingsParserTest, ParsesTheVendorExample) {
  std::string body = ReadFixture("vendor_example.json");
  ASSERT_FALSE(body.empty());
  CallParkSettings s = ParseOk(body);
  EXPECT_EQ(s.hunt_group_id,
            "Y2lzY29zcGFyazovL3VzL0hVTlRfR1JPVVAvZEdWamFHNXBZMkZzTFhOMWNIQnZj"
            "blF0TlRVMU9EWTNOVE13T1VCbmJXRnBiQzVqYjIwPQ");
  EXPECT_EQ(s.hunt_group_name, "Technical Support Group - 5558675309");
  EXPECT_EQ(s.option, "ALERT_HUNT_GROUP_ONLY");
  EXPECT_EQ(s.ring_pattern, "NORMAL");
  EXPECT_EQ(s.recall_time, 45);
  EXPECT_EQ(s.hunt_wait_time, 45);
}

TEST(SettingsParserTest, HuntGroupMayBeAbsentNullOrEmpty) {
  for (const char* recall :
       {R"({"option":"ALERT_PARKING_USER_ONLY"})",
        R"({"option":"ALERT_PARKING_USER_ONLY","huntGroupId":null,)"
        R"("huntGroupName":null})",
        R"({"huntGroupId":"","huntGroupName":"","option":)"
        R"("ALERT_PARKING_USER_ONLY"})"}) {
    std::string body = std::string(R"({"callParkRecall":)") + recall +
                       R"(,"callParkSettings":{"ringPattern":"LONG_LONG",)"
                       R"("recallTime":60,"huntWaitTime":90}})";
    CallParkSettings s = ParseOk(body);
    EXPECT_EQ(s.hunt_group_id, "") << body;
    EXPECT_EQ(s.hunt_group_name, "") << body;
    EXPECT_EQ(s.option, "ALERT_PARKING_USER_ONLY");
    EXPECT_EQ(s.hunt_wait_time, 90);
  }
}

TEST(SettingsParserTest, KeyOrderDoesNotMatterAndUnknownKeysAreSkipped) {
  CallParkSettings s = ParseOk(R"({
    "extra": {"nested": [1, 2, {"a": "b"}]},
    "callParkSettings": {"huntWaitTime": 120, "future": true,
                         "recallTime": 300, "ringPattern": "SHORT_LONG_SHORT"},
    "callParkRecall": {"option": "ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP",
                       "huntGroupName": "N", "huntGroupId": "I"}
  })");
  EXPECT_EQ(s.recall_time, 300);
  EXPECT_EQ(s.hunt_wait_time, 120);
  EXPECT_EQ(s.ring_pattern, "SHORT_LONG_SHORT");
  EXPECT_EQ(s.option, "ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP");
  EXPECT_EQ(s.hunt_group_id, "I");
  EXPECT_EQ(s.hunt_group_name, "N");
}

TEST(SettingsParserTest, UnknownEnumsAndOutOfRangeTimesAreKept) {
  CallParkSettings s =
      ParseOk(R"({"callParkRecall":{"option":"ALERT_EVERYONE"},)"
              R"("callParkSettings":{"ringPattern":"TRIPLE","recallTime":5,)"
              R"("huntWaitTime":3600}})");
  EXPECT_EQ(s.option, "ALERT_EVERYONE");
  EXPECT_EQ(s.ring_pattern, "TRIPLE");
  EXPECT_EQ(s.recall_time, 5);
  EXPECT_EQ(s.hunt_wait_time, 3600);
}

TEST(SettingsParserTest, EscapesAndUnicodeInNamesComeOutExactly) {
  CallParkSettings s = ParseOk(
      R"({"callParkRecall":{"option":"ALERT_HUNT_GROUP_ONLY",)"
      R"("huntGroupName":"Support \"Tier 2\" \\ Z\u00fcrich\n\u6771\u4eac"},)"
      R"("callParkSettings":{"ringPattern":"NORMAL","recallTime":45,)"
      R"("huntWaitTime":45}})");
  EXPECT_EQ(s.hunt_group_name,
            "Support \"Tier 2\" \\ Z\xc3\xbcrich\n\xe6\x9d\xb1\xe4\xba\xac");
}

struct BadBody {
  const char* name;
  std::string body;
  ErrorReason reason;

  friend void PrintTo(const BadBody& bad, std::ostream* out) {
    *out << bad.name;
  }
};

std::string WithSettings(const std::string& settings) {
  return R"({"callParkRecall":{"option":"ALERT_HUNT_GROUP_ONLY"},)"
         R"("callParkSettings":)" +
         settings + "}";
}

class SettingsParserRejectTest : public ::testing::TestWithParam<BadBody> {};

TEST_P(SettingsParserRejectTest, RejectsWithReason) {
  ParseError error = ParseFails(GetParam().body);
  EXPECT_EQ(ReasonName(error.reason), ReasonName(GetParam().reason))
      << error.detail;
  EXPECT_FALSE(error.detail.empty());
}

const auto kJson = ErrorReason::kInvalidJson;
const auto kPayload = ErrorReason::kInvalidPayload;

INSTANTIATE_TEST_SUITE_P(
    Bodies, SettingsParserRejectTest,
    ::testing::Values(
        BadBody{"Empty", "", kJson},
        BadBody{"Html", "<html><body>502 Bad Gateway</body></html>", kJson},
        BadBody{"Truncated",
                R"({"callParkRecall":{"option":"ALERT_HUNT_GROUP_ONLY"},)"
                R"("callParkSettings":{"ringPattern":"NORMAL","recal)",
                kJson},
        BadBody{"TrailingGarbage",
                WithSettings(R"({"ringPattern":"NORMAL","recallTime":45,)"
                             R"("huntWaitTime":45})") +
                    " {}",
                kJson},
        BadBody{"InvalidUtf8",
                WithSettings("{\"ringPattern\":\"NOR\xff\xfeMAL\","
                             "\"recallTime\":45,\"huntWaitTime\":45}"),
                kJson},
        BadBody{"NotAnObject", "[1,2,3]", kPayload},
        BadBody{"NullBody", "null", kPayload},
        BadBody{"MissingSettings",
                R"({"callParkRecall":{"option":"ALERT_HUNT_GROUP_ONLY"}})",
                kPayload},
        BadBody{"MissingRecall",
                R"({"callParkSettings":{"ringPattern":"NORMAL",)"
                R"("recallTime":45,"huntWaitTime":45}})",
                kPayload},
        BadBody{"MissingOption",
                R"({"callParkRecall":{},"callParkSettings":{"ringPattern":)"
                R"("NORMAL","recallTime":45,"huntWaitTime":45}})",
                kPayload},
        BadBody{"MissingRecallTime",
                WithSettings(R"({"ringPattern":"NORMAL","huntWaitTime":45})"),
                kPayload},
        BadBody{"StringNumber",
                WithSettings(R"({"ringPattern":"NORMAL","recallTime":"45",)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"NullNumber",
                WithSettings(R"({"ringPattern":"NORMAL","recallTime":null,)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"Fraction",
                WithSettings(R"({"ringPattern":"NORMAL","recallTime":45.5,)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"Negative",
                WithSettings(R"({"ringPattern":"NORMAL","recallTime":-45,)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"BeyondSixtyFourBits",
                WithSettings(R"({"ringPattern":"NORMAL",)"
                             R"("recallTime":99999999999999999999999,)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"NumberRingPattern",
                WithSettings(R"({"ringPattern":7,"recallTime":45,)"
                             R"("huntWaitTime":45})"),
                kPayload},
        BadBody{"SettingsIsArray", WithSettings("[]"), kPayload}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SettingsParserTest, ParserIsReusable) {
  SettingsParser parser;
  std::string good = ReadFixture("vendor_example.json");
  EXPECT_TRUE(std::holds_alternative<ParseError>(parser.Parse("{")));
  EXPECT_TRUE(std::holds_alternative<CallParkSettings>(parser.Parse(good)));
  EXPECT_TRUE(std::holds_alternative<ParseError>(parser.Parse("")));
  EXPECT_TRUE(std::holds_alternative<CallParkSettings>(parser.Parse(good)));
}

}  // namespace
}  // namespace webex

namespace webex {
namespace {

TEST(SettingsParserTest, BareWordWhereANumberBelongsIsNotJson) {
  ParseError error = ParseFails(
      R"({"callParkRecall":{"option":"ALERT_HUNT_GROUP_ONLY"},)"
      R"("callParkSettings":{"ringPattern":"NORMAL","recallTime":abc,)"
      R"("huntWaitTime":45}})");
  EXPECT_EQ(error.reason, ErrorReason::kInvalidJson) << error.detail;
}

}  // namespace
}  // namespace webex
