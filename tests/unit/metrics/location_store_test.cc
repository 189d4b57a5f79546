#include "metrics/location_store.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

CallParkSettings Settings() {
  return {"ALERT_HUNT_GROUP_ONLY", "NORMAL", 45, 60, "HG1", "Support"};
}

LocationTarget Target(const std::string& id) { return {"ORG", id, id, {}}; }

uint64_t Changes(const LocationStore& store, const std::string& setting) {
  uint64_t count = 0;
  store.Visit([&](const LocationState& s) {
    auto it = s.changes.find(setting);
    if (it != s.changes.end()) count += it->second;
  });
  return count;
}

TEST(LocationStoreTest, FirstObservationIsNotAChange) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  EXPECT_TRUE(store.RecordSuccess("L1", Settings(), 100).empty());
  EXPECT_EQ(Changes(store, "recall_time"), 0u);
}

TEST(LocationStoreTest, EachChangedSettingIsCounted) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  store.RecordSuccess("L1", Settings(), 100);

  CallParkSettings next = Settings();
  next.recall_time = 90;
  next.ring_pattern = "LONG_LONG";
  next.hunt_group_name = "Renamed";
  auto changed = store.RecordSuccess("L1", next, 200);

  EXPECT_EQ(changed, (std::vector<std::string_view>{
                         "recall_time", "ring_pattern", "hunt_group"}));
  EXPECT_EQ(Changes(store, "recall_time"), 1u);
  EXPECT_EQ(Changes(store, "ring_pattern"), 1u);
  EXPECT_EQ(Changes(store, "hunt_group"), 1u);
  EXPECT_EQ(Changes(store, "option"), 0u);
  store.Visit([](const LocationState& s) { EXPECT_EQ(s.last_change, 200); });
}

TEST(LocationStoreTest, FailureBetweenPollsIsNotAChange) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  store.RecordSuccess("L1", Settings(), 100);
  store.RecordFailure("L1");
  EXPECT_TRUE(store.RecordSuccess("L1", Settings(), 300).empty());
  store.Visit([](const LocationState& s) {
    EXPECT_TRUE(s.up);
    EXPECT_EQ(s.last_change, 0);
    EXPECT_EQ(s.last_success, 300);
  });
}

TEST(LocationStoreTest, FailureKeepsLastValues) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  store.RecordSuccess("L1", Settings(), 100);
  store.RecordFailure("L1");
  store.Visit([](const LocationState& s) {
    EXPECT_FALSE(s.up);
    ASSERT_TRUE(s.settings);
    EXPECT_EQ(s.settings->recall_time, 45);
    EXPECT_EQ(s.last_success, 100);
  });
  EXPECT_EQ(store.LastOutcome("L1"), false);
}

TEST(LocationStoreTest, LocationsThatLeaveAreForgotten) {
  LocationStore store;
  store.SetTargets({Target("L1"), Target("L2")});
  store.RecordSuccess("L1", Settings(), 100);
  store.SetTargets({Target("L2")});
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.LastOutcome("L1"), std::nullopt);
  EXPECT_TRUE(store.RecordSuccess("L1", Settings(), 200).empty());
  EXPECT_EQ(store.size(), 1u);
}

TEST(LocationStoreTest, RetargetingKeepsHistory) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  store.RecordSuccess("L1", Settings(), 100);
  LocationTarget renamed = Target("L1");
  renamed.name = "New name";
  store.SetTargets({renamed});
  store.Visit([](const LocationState& s) {
    EXPECT_EQ(s.target.name, "New name");
    EXPECT_TRUE(s.settings);
  });
}

TEST(LocationStoreTest, VersionChangesWithEveryMutator) {
  LocationStore store;
  uint64_t seen = store.version();
  auto changed = [&] {
    uint64_t now = store.version();
    bool differs = now != seen;
    seen = now;
    return differs;
  };

  store.SetTargets({Target("L1")});
  EXPECT_TRUE(changed());
  store.RecordSuccess("L1", Settings(), 100);
  EXPECT_TRUE(changed());
  store.RecordSuccess("L1", Settings(), 200);  // same settings, new time
  EXPECT_TRUE(changed());
  store.RecordFailure("L1");
  EXPECT_TRUE(changed());
  store.CountWarnings("L1", {"recall_time"});
  EXPECT_TRUE(changed());
  store.SetTargets({});
  EXPECT_TRUE(changed());
}

TEST(LocationStoreTest, ReadingLeavesTheVersionAlone) {
  LocationStore store;
  store.SetTargets({Target("L1")});
  uint64_t before = store.version();
  store.Visit([](const LocationState&) {});
  store.LastOutcome("L1");
  store.size();
  EXPECT_EQ(store.version(), before);
}

}  // namespace
}  // namespace webex
