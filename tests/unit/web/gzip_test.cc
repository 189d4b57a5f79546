#include "web/gzip.h"

#include <gtest/gtest.h>

#include "unit/support/gunzip.h"

namespace webex {
namespace {

using testing::Gunzip;

TEST(GzipTest, RoundTripsAndShrinksAnExposition) {
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += "webex_callpark_up{org_id=\"O\",location_id=\"L" +
            std::to_string(i) + "\",location=\"Z\xc3\xbcrich\"} 1\n";
  }
  auto packed = Gzip(text);
  ASSERT_TRUE(packed);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_LT(packed->size(), text.size() / 5);
  EXPECT_EQ(Gunzip(*packed), text);
}

TEST(GzipTest, EmptyTextIsAValidStream) {
  auto packed = Gzip("");
  ASSERT_TRUE(packed);
  EXPECT_EQ(Gunzip(*packed), "");
}

TEST(AcceptsGzipTest, ReadsTheHeaderAsPrometheusAndBrowsersSendIt) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("identity, gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;Q=0"));  // parameter names ignore case
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

}  // namespace
}  // namespace webex
