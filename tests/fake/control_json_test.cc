#include "exporter/fake/control_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace webex::fake {
namespace {

using ::testing::HasSubstr;

TEST(ParseSettingsTest, KeepsRawValuesWhateverTheirType) {
  ParseResult<CallParkSettings> parsed = ParseSettings(R"({
      "callParkRecall": {"option": "ALERT_SOMEONE_NEW", "huntGroupName":
                         "Support \"Tier 2\" \\ Night"},
      "callParkSettings": {"ringPattern": "NORMAL", "recallTime": 100000,
                           "huntWaitTime": -5.5}})");

  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_EQ(parsed.value->option_json, "\"ALERT_SOMEONE_NEW\"");
  EXPECT_EQ(parsed.value->hunt_group_name_json,
            R"("Support \"Tier 2\" \\ Night")");
  EXPECT_EQ(parsed.value->recall_time_json, "100000");
  EXPECT_EQ(parsed.value->hunt_wait_time_json, "-5.5");
  EXPECT_FALSE(parsed.value->hunt_group_id_json.has_value());
}

TEST(ParseSettingsTest, RejectsUnknownKeysAndBrokenJson) {
  EXPECT_THAT(ParseSettings(R"({"callParkSettings":{"recalTime":1}})").error,
              HasSubstr("recalTime"));
  EXPECT_THAT(ParseSettings(R"({"callParkSettings":{"recallTime":tru}})").error,
              HasSubstr("invalid JSON"));
  EXPECT_FALSE(ParseSettings(R"({"callParkSettings":{})").value);
  EXPECT_FALSE(ParseSettings(R"({} {})").value);
  EXPECT_FALSE(ParseSettings(R"([])").value);
}

TEST(ParseSettingsPatchTest, SetsGivenFieldsAndRemovesNullOnes) {
  CallParkSettings settings = MakeCallParkSettings(
      "ALERT_HUNT_GROUP_ONLY", "NORMAL", 45, 45, "HG", "Hunt group");
  ParseResult<SettingsPatch> patch =
      ParseSettingsPatch(R"({"recallTime": 601, "huntGroupId": null})");
  ASSERT_TRUE(patch.value) << patch.error;

  ApplySettingsPatch(*patch.value, settings);

  EXPECT_EQ(settings.recall_time_json, "601");
  EXPECT_FALSE(settings.hunt_group_id_json.has_value());
  EXPECT_EQ(settings.hunt_group_name_json, "\"Hunt group\"");
  EXPECT_EQ(settings.hunt_wait_time_json, "45");
}

TEST(ParseFaultStepsTest, ReadsEveryField) {
  ParseResult<std::vector<FaultStep>> parsed = ParseFaultSteps(R"([
      {"status": 503, "headers": {"Retry-After": "2"}, "delay_ms": 10},
      {"body": "<html>proxy</html>", "trickle_ms": 5},
      {"drop": true}, {"hang": true}, {"body": {"not": "a string"}}])");

  ASSERT_TRUE(parsed.value) << parsed.error;
  const std::vector<FaultStep>& steps = *parsed.value;
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(steps[0].status, 503);
  EXPECT_EQ(steps[0].headers.at(0).first, "Retry-After");
  EXPECT_EQ(steps[0].delay.count(), 10);
  EXPECT_EQ(steps[1].body, "<html>proxy</html>");
  EXPECT_FALSE(steps[1].status.has_value());
  EXPECT_EQ(steps[1].trickle.count(), 5);
  EXPECT_TRUE(steps[2].drop);
  EXPECT_TRUE(steps[3].hang);
  EXPECT_FALSE(steps[3].ReplacesAnswer());
  EXPECT_EQ(steps[4].body, R"({"not": "a string"})");
}

TEST(ParseFaultStepsTest, RejectsBadSteps) {
  EXPECT_THAT(ParseFaultSteps(R"([{"statsu": 503}])").error,
              HasSubstr("statsu"));
  EXPECT_THAT(ParseFaultSteps(R"([{"status": 42}])").error,
              HasSubstr("status"));
  EXPECT_THAT(
      ParseFaultSteps(R"([{"headers": {"X": "a\r\nInjected: 1"}}])").error,
      HasSubstr("invalid header"));
  EXPECT_FALSE(ParseFaultSteps(R"({"status": 503})").value);
}

TEST(ParseNewLocationTest, NeedsAnIdAndDefaultsTheRest) {
  ParseResult<FakeLocation> parsed = ParseNewLocation(R"({"id": "L1"})");

  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_EQ(parsed.value->name, "L1");
  EXPECT_EQ(parsed.value->settings.option_json, "\"ALERT_PARKING_USER_ONLY\"");
  EXPECT_FALSE(ParseNewLocation(R"({"name": "No id"})").value);
  EXPECT_FALSE(ParseNewLocation(R"({"id": "a/b"})").value);
}

TEST(ParseTokenListTest, ReadsTheTokens) {
  ParseResult<std::vector<std::string>> parsed =
      ParseTokenList(R"({"tokens": ["a", "b"]})");

  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_EQ(*parsed.value, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(ParseTokenList(R"({"tokens": [1]})").value);
}

}  // namespace
}  // namespace webex::fake
