#include "metrics/exposition.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <atomic>

#include "metrics/location_collector.h"
#include "metrics/location_store.h"
#include "unit/support/gunzip.h"
#include "unit/support/joined_pieces.h"

namespace webex {
namespace {

using testing::Gunzip;

// A text source that counts how often it is rendered; its text and
// version are whatever the test sets.
class CountingSource : public TextSource {
 public:
  void AppendTo(std::string& out) const override {
    ++renders;
    out += text;
  }
  uint64_t Version() const override { return version; }

  std::string text = "# TYPE a gauge\na 1\n";
  uint64_t version = 1;
  mutable std::atomic<int> renders{0};
};

class ExpositionTest : public ::testing::Test {
 protected:
  ExpositionTest()
      : registry_(std::make_shared<prometheus::Registry>()),
        scrapes_(prometheus::BuildCounter()
                     .Name("scrapes_total")
                     .Help("Scrapes.")
                     .Register(*registry_)
                     .Add({})) {
    exposition_.Add(source_);
    exposition_.Add(*registry_);
  }

  std::string Inflated() {
    std::optional<std::string> packed = exposition_.RenderGzip();
    EXPECT_TRUE(packed);
    return Gunzip(packed.value_or("")).value_or("not gzip");
  }

  CountingSource source_;
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Counter& scrapes_;
  Exposition exposition_;
};

TEST_F(ExpositionTest, RenderGzipInflatesToRender) {
  scrapes_.Increment();
  std::string plain = exposition_.Render();
  ASSERT_NE(plain.find("a 1\n"), std::string::npos);
  ASSERT_NE(plain.find("scrapes_total 1"), std::string::npos);
  EXPECT_EQ(Inflated(), plain);
}

TEST_F(ExpositionTest, StreamJoinsIntoRender) {
  scrapes_.Increment();
  std::unique_ptr<TextChunks> chunks = exposition_.Stream();
  testing::Joined joined = testing::JoinPieces(*chunks, 4);
  EXPECT_EQ(joined.text, exposition_.Render());
  EXPECT_NE(joined.text.find("scrapes_total 1"), std::string::npos);
  EXPECT_EQ(joined.pieces, 2);  // the source's text, then the registry's
}

TEST_F(ExpositionTest, SourceIsRenderedOncePerVersion) {
  Inflated();
  Inflated();
  EXPECT_EQ(source_.renders, 1);

  source_.text = "# TYPE a gauge\na 2\n";
  source_.version = 2;
  EXPECT_EQ(Inflated(), exposition_.Render());
  EXPECT_EQ(source_.renders, 3);  // once by RenderGzip, once by Render
  Inflated();
  EXPECT_EQ(source_.renders, 3);
}

TEST_F(ExpositionTest, CollectablesAreRenderedAtEveryGzipScrape) {
  Inflated();
  scrapes_.Increment(41);
  std::string inflated = Inflated();
  EXPECT_NE(inflated.find("scrapes_total 41"), std::string::npos) << inflated;
  EXPECT_EQ(source_.renders, 1);
}

TEST(ExpositionLocationsTest, GzipFollowsTheStore) {
  LocationStore store;
  store.SetTargets({{"ORG", "L1", "HQ", {}}});
  LocationCollector collector(store);
  Exposition exposition;
  exposition.Add(collector);
  CallParkSettings settings{"ALERT_HUNT_GROUP_ONLY", "NORMAL", 45, 60, "", ""};

  store.RecordSuccess("L1", settings, 100);
  EXPECT_EQ(Gunzip(exposition.RenderGzip().value_or("")), exposition.Render());
  settings.recall_time = 90;
  store.RecordSuccess("L1", settings, 200);
  std::string inflated =
      Gunzip(exposition.RenderGzip().value_or("")).value_or("");
  EXPECT_EQ(inflated, exposition.Render());
  EXPECT_NE(inflated.find("location=\"HQ\"} 90\n"), std::string::npos);
}

}  // namespace
}  // namespace webex
