#include "metrics/location_collector.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "metrics/exposition.h"

namespace webex {
namespace {

const char* kGolden = WEBEX_TEST_DATA "/unit/metrics/golden/locations.prom";

// Two polled locations (one changed once, one with undocumented values
// and a hostile name), one failing after a good poll, one never polled.
void FillGoldenStore(LocationStore& store) {
  Baseline expected;
  expected.recall_time = 45;
  expected.option = "ALERT_HUNT_GROUP_ONLY";
  expected.hunt_group_id = "HG1";
  store.SetTargets({
      {"ORG", "L1", "HQ", expected},
      {"ORG", "L2", "Z\xc3\xbcrich \"Nord\" \\ 2\nline", {}},
      {"ORG", "L3", "Failing", {}},
      {"ORG", "L4", "Never polled", {}},
  });
  CallParkSettings hq{"ALERT_HUNT_GROUP_ONLY", "NORMAL", 45, 60, "HG1",
                      "Support \"Tier 2\""};
  store.RecordSuccess("L1", hq, 1000);
  hq.recall_time = 90;
  store.RecordSuccess("L1", hq, 1300);
  store.RecordSuccess("L2", {"ALERT_EVERYONE", "TRIPLE", 5, 900, "", ""}, 1300);
  store.CountWarnings(
      "L2", {"recall_time", "hunt_wait_time", "option", "ring_pattern"});
  store.RecordSuccess(
      "L3", {"ALERT_PARKING_USER_ONLY", "LONG_LONG", 30, 30, "", ""}, 1000);
  store.RecordFailure("L3");
}

std::string Render(const LocationStore& store) {
  LocationCollector collector(store);
  Exposition exposition;
  exposition.Add(collector);
  return exposition.Render();
}

TEST(LocationCollectorTest, MatchesGoldenExposition) {
  LocationStore store;
  FillGoldenStore(store);
  std::string text = Render(store);
  if (std::getenv("WEBEX_UPDATE_GOLDEN")) std::ofstream(kGolden) << text;

  std::ifstream in(kGolden);
  std::ostringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(text, golden.str());
}

TEST(LocationCollectorTest, RemovedLocationLeavesNoSeries) {
  LocationStore store;
  FillGoldenStore(store);
  store.SetTargets({{"ORG", "L1", "HQ", {}}});
  std::string text = Render(store);
  EXPECT_EQ(text.find("location_id=\"L2\""), std::string::npos);
  EXPECT_EQ(text.find("location_id=\"L3\""), std::string::npos);
  EXPECT_NE(text.find("location_id=\"L1\""), std::string::npos);
  // L1 lost its baseline with the retarget, so no drift series remain.
  EXPECT_EQ(text.find("webex_callpark_drift{"), std::string::npos);
}

// The documented values are written as they are; a value the API made
// up is escaped like any other text from outside.
TEST(LocationCollectorTest, UndocumentedValuesAreEscaped) {
  LocationStore store;
  store.SetTargets({{"ORG", "L1", "HQ", {}}});
  store.RecordSuccess("L1", {"NEW \"X\"", "A\\B\n", 45, 60, "", ""}, 1000);
  std::string text = Render(store);

  EXPECT_NE(text.find("webex_callpark_recall_option{org_id=\"ORG\","
                      "location_id=\"L1\",location=\"HQ\","
                      "option=\"NEW \\\"X\\\"\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("webex_callpark_ring_pattern{org_id=\"ORG\","
                      "location_id=\"L1\",location=\"HQ\","
                      "ring_pattern=\"A\\\\B\\n\"} 1\n"),
            std::string::npos)
      << text;
}

// Sixteen significant digits, as prometheus-cpp writes the rest.
TEST(LocationCollectorTest, FractionalValuesHaveSixteenDigits) {
  LocationStore store;
  store.SetTargets({{"ORG", "L1", "HQ", {}}});
  store.RecordSuccess("L1",
                      {"ALERT_PARKING_USER_ONLY", "NORMAL", 45, 60, "", ""},
                      1733280000.123456789);
  std::string text = Render(store);

  EXPECT_NE(text.find("webex_callpark_last_success_timestamp_seconds{"
                      "org_id=\"ORG\",location_id=\"L1\",location=\"HQ\"} "
                      "1733280000.123457\n"),
            std::string::npos)
      << text;
}

TEST(LocationCollectorTest, VersionIsTheStores) {
  LocationStore store;
  LocationCollector collector(store);
  FillGoldenStore(store);
  EXPECT_EQ(collector.Version(), store.version());
  store.RecordFailure("L1");
  EXPECT_EQ(collector.Version(), store.version());
}

}  // namespace
}  // namespace webex
