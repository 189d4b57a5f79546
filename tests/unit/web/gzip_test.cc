#include "web/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace webex {
namespace {

std::string Gunzip(const std::string& packed) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

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
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

}  // namespace
}  // namespace webex
