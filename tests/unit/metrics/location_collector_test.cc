#include "metrics/location_collector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <sstream>

#include "metrics/exposition.h"
#include "unit/support/joined_pieces.h"

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

// Pieces as small as one line must still join into the very same text:
// each family's HELP and TYPE once, its samples together.
TEST(LocationCollectorTest, PiecesJoinIntoTheWholeText) {
  LocationStore store;
  FillGoldenStore(store);
  LocationCollector collector(store);
  std::string whole;
  collector.AppendTo(whole);

  std::unique_ptr<TextChunks> chunks = collector.Open();
  testing::Joined joined = testing::JoinPieces(*chunks, 1);
  EXPECT_EQ(joined.text, whole);
  EXPECT_GT(joined.pieces, 20);  // about one per location and family
  std::string after;
  EXPECT_FALSE(chunks->Next(after, 1));
  EXPECT_TRUE(after.empty());
}

// A text being sent is of the moment it was opened, and holds nothing
// the poller waits for: a poll recorded meanwhile neither blocks nor
// shows up in it.
TEST(LocationCollectorTest, AnOpenTextKeepsItsMomentAndBlocksNoPoll) {
  LocationStore store;
  FillGoldenStore(store);
  LocationCollector collector(store);
  std::unique_ptr<TextChunks> chunks = collector.Open();
  std::string text;
  ASSERT_TRUE(chunks->Next(text, 1));

  CallParkSettings changed{"ALERT_HUNT_GROUP_ONLY", "NORMAL", 999, 60, "HG1",
                           "Support \"Tier 2\""};
  auto poll = std::async(std::launch::async,
                         [&] { store.RecordSuccess("L1", changed, 2000); });
  ASSERT_EQ(poll.wait_for(std::chrono::seconds(5)), std::future_status::ready);

  while (chunks->Next(text, 1)) {
  }
  EXPECT_NE(text.find("webex_callpark_recall_time_seconds{org_id=\"ORG\","
                      "location_id=\"L1\",location=\"HQ\"} 90\n"),
            std::string::npos);
  EXPECT_EQ(text.find(" 999\n"), std::string::npos);
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
