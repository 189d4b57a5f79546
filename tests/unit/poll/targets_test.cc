#include "poll/targets.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

Config TwoOrgs() {
  Config config;
  config.expected.recall_time = 45;
  OrgConfig a;
  a.id = "A";
  a.expected.option = "ALERT_HUNT_GROUP_ONLY";
  a.locations.push_back({"L1", "", {}});
  Baseline own;
  own.recall_time = 90;
  a.locations.push_back({"L2", "Two", own});
  OrgConfig b;
  b.id = "B";
  b.discover = true;
  b.include = "^(NYC|SFO)";
  b.exclude = "Lab";
  b.locations.push_back({"D1", "Explicit name", {}});
  config.orgs = {a, b};
  return config;
}

// std::regex recursed once per character here and overflowed the stack
// on a long enough name; the API decides how long names are.
TEST(TargetsTest, AVeryLongDiscoveredNameIsFilteredWithoutCrashing) {
  Config config;
  OrgConfig org;
  org.id = "O";
  org.discover = true;
  org.exclude = "^(a|b)*$";
  config.orgs = {org};
  DiscoveredByOrg found = {{0,
                            {{"LONG", std::string(200000, 'a')},
                             {"KEPT", std::string(200000, 'a') + "c"}}}};

  auto targets = TargetsOf(config, found);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].location_id, "KEPT");
}

TEST(TargetsTest, ADeeplyNestedPatternFilters) {
  Config config;
  OrgConfig org;
  org.id = "O";
  org.discover = true;
  org.exclude = std::string(20000, '(') + "a" + std::string(20000, ')');
  config.orgs = {org};
  DiscoveredByOrg found = {{0, {{"A", "has an a"}, {"B", "none"}}}};

  auto targets = TargetsOf(config, found);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].location_id, "B");
}

TEST(TargetsTest, BaselinesMergeMostSpecificLast) {
  auto targets = TargetsOf(TwoOrgs());
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_EQ(targets[0].name, "L1");  // unnamed: the id
  EXPECT_EQ(targets[0].expected.recall_time, 45);
  EXPECT_EQ(targets[0].expected.option, "ALERT_HUNT_GROUP_ONLY");
  EXPECT_EQ(targets[1].expected.recall_time, 90);
  EXPECT_EQ(targets[2].expected.option, std::nullopt);
}

TEST(TargetsTest, DiscoveredLocationsAreFilteredAndExplicitOnesWin) {
  DiscoveredByOrg found = {{1,
                            {{"D1", "NYC Discovered name"},
                             {"D2", "NYC Midtown"},
                             {"D3", "SFO Lab"},
                             {"D4", "Boston"},
                             {"L1", "NYC duplicate of org A"}}}};
  auto targets = TargetsOf(TwoOrgs(), found);
  std::vector<std::string> ids;
  for (const auto& t : targets) ids.push_back(t.location_id + "=" + t.name);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "L1=L1", "L2=Two", "D1=Explicit name", "D2=NYC Midtown"}));
  EXPECT_EQ(targets[3].org_id, "B");
  EXPECT_EQ(targets[3].expected.recall_time, 45);
}

}  // namespace
}  // namespace webex
