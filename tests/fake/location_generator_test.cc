#include "exporter/fake/location_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace webex::fake {
namespace {

using ::testing::MatchesRegex;

std::string Raw(const std::optional<std::string>& field) {
  return field.value_or("<absent>");
}

TEST(LocationGeneratorTest, SameSeedGivesTheSameOrg) {
  GeneratedOrg first = GenerateOrg(20, 3);
  GeneratedOrg second = GenerateOrg(20, 3);

  ASSERT_EQ(first.locations.size(), 20u);
  EXPECT_EQ(first.org_id, second.org_id);
  for (size_t i = 0; i < first.locations.size(); ++i) {
    EXPECT_EQ(first.locations[i].id, second.locations[i].id);
    EXPECT_EQ(first.locations[i].name, second.locations[i].name);
  }
  EXPECT_NE(first.org_id, GenerateOrg(20, 4).org_id);
}

TEST(LocationGeneratorTest, FirstLocationIsTheSameForEverySeed) {
  FakeLocation first = GenerateOrg(3, 1).locations[0];

  EXPECT_EQ(first.id, GenerateOrg(3, 99).locations[0].id);
  EXPECT_EQ(first.name, "Headquarters");
  EXPECT_EQ(Raw(first.settings.option_json), "\"ALERT_HUNT_GROUP_ONLY\"");
  EXPECT_EQ(Raw(first.settings.recall_time_json), "45");
}

TEST(LocationGeneratorTest, IdsLookLikeWebexIds) {
  GeneratedOrg org = GenerateOrg(10, 1);

  EXPECT_THAT(org.org_id, MatchesRegex("[A-Za-z0-9+/]{80,90}"));
  for (const FakeLocation& location : org.locations) {
    EXPECT_THAT(location.id, MatchesRegex("Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9O"
                                          "[A-Za-z0-9+/]{50}"));
  }
}

TEST(LocationGeneratorTest, NamesStayUniqueBeyondTheListOfPlaces) {
  GeneratedOrg org = GenerateOrg(200, 5);

  std::set<std::string> names;
  for (const FakeLocation& location : org.locations) {
    EXPECT_TRUE(names.insert(location.name).second) << location.name;
  }
}

TEST(LocationGeneratorTest, DefaultOrgCoversEveryOptionAndRingPattern) {
  std::set<std::string> options;
  std::set<std::string> patterns;
  bool has_location_without_hunt_group = false;
  bool has_tricky_hunt_group_name = false;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    options.clear();
    patterns.clear();
    has_tricky_hunt_group_name = false;
    for (const FakeLocation& location : GenerateOrg(5, seed).locations) {
      options.insert(Raw(location.settings.option_json));
      patterns.insert(Raw(location.settings.ring_pattern_json));
      has_location_without_hunt_group |=
          !location.settings.hunt_group_id_json.has_value();
      has_tricky_hunt_group_name |=
          Raw(location.settings.hunt_group_name_json) ==
          R"("Support \"Tier 2\" \\ Night")";
    }
    EXPECT_EQ(options.size(), 3u) << "seed " << seed;
    EXPECT_EQ(patterns.size(), 4u) << "seed " << seed;
    EXPECT_TRUE(has_tricky_hunt_group_name) << "seed " << seed;
  }
  EXPECT_TRUE(has_location_without_hunt_group);
}

}  // namespace
}  // namespace webex::fake
