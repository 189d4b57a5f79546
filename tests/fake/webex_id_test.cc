#include "exporter/fake/webex_id.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace webex::fake {
namespace {

using ::testing::MatchesRegex;

TEST(Base64UnpaddedTest, MatchesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64Unpadded(""), "");
  EXPECT_EQ(Base64Unpadded("f"), "Zg");
  EXPECT_EQ(Base64Unpadded("fo"), "Zm8");
  EXPECT_EQ(Base64Unpadded("foo"), "Zm9v");
  EXPECT_EQ(Base64Unpadded("foob"), "Zm9vYg");
  EXPECT_EQ(Base64Unpadded("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64Unpadded("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Unpadded("\xff\xfe"), "//4");
}

TEST(WebexIdTest, ReproducesTheVendorsExampleLocationId) {
  EXPECT_EQ(WebexId("LOCATION", "c97ee049-359b-4c78-8454-058c2ede2563"),
            "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL2M5N2VlMDQ5LTM1OWItNGM3OC04NDU0"
            "LTA1OGMyZWRlMjU2Mw");
}

TEST(RandomUuidTest, IsAVersion4UuidAndRepeatsForTheSameSeed) {
  std::mt19937_64 first(7);
  std::mt19937_64 second(7);
  std::string uuid = RandomUuid(first);

  EXPECT_THAT(uuid, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                 "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  EXPECT_EQ(uuid, RandomUuid(second));
  EXPECT_NE(uuid, RandomUuid(first));
}

TEST(TrackingIdTest, DiffersPerSequenceNumber) {
  EXPECT_NE(TrackingId(1, 1), TrackingId(1, 2));
  EXPECT_THAT(TrackingId(1, 1), MatchesRegex("WEBEX_FAKE_[0-9a-f]{16}_1"));
}

}  // namespace
}  // namespace webex::fake
