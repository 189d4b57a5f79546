#include "config/duration.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

TEST(DurationTest, ParsesEachUnit) {
  EXPECT_EQ(ParseDuration("250ms"), Duration(250));
  EXPECT_EQ(ParseDuration("30s"), Duration(30000));
  EXPECT_EQ(ParseDuration("5m"), Duration(300000));
  EXPECT_EQ(ParseDuration("2h"), Duration(7200000));
}

TEST(DurationTest, ParsesSequences) {
  EXPECT_EQ(ParseDuration("1h30m"), Duration(5400000));
  EXPECT_EQ(ParseDuration("1m30s500ms"), Duration(90500));
}

TEST(DurationTest, RejectsMalformed) {
  for (const char* bad : {"", "10", "10x", "s", "-5s", "1.5s", "5 s", "m5",
                          "99999999999999999999h", "1125899906842625h"}) {
    EXPECT_EQ(ParseDuration(bad), std::nullopt) << bad;
  }
}

// As Prometheus's durations: each unit smaller than the one before.
TEST(DurationTest, RejectsUnitsOutOfOrderOrRepeated) {
  for (const char* bad : {"30s1m", "1m1m", "500ms1s", "1s1h"}) {
    EXPECT_EQ(ParseDuration(bad), std::nullopt) << bad;
  }
}

TEST(DurationTest, ParsesPercentages) {
  EXPECT_DOUBLE_EQ(*ParsePercent("10%"), 0.1);
  EXPECT_DOUBLE_EQ(*ParsePercent("0%"), 0);
  EXPECT_DOUBLE_EQ(*ParsePercent("100%"), 1);
  for (const char* bad : {"", "%", "10", "101%", "-1%", "1.5%", "x%"}) {
    EXPECT_EQ(ParsePercent(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace webex
