#include "poll/shard.h"

#include <gtest/gtest.h>

#include <string>

namespace webex {
namespace {

TEST(ShardTest, HashIsTheStandardFnv1a64) {
  // Published FNV-1a 64 test vectors: replicas built anywhere agree.
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(ShardTest, EveryLocationHasExactlyOneShard) {
  const uint32_t total = 3;
  std::vector<int> sizes(total, 0);
  for (int i = 0; i < 3000; ++i) {
    std::string id = "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL" + std::to_string(i);
    int owners = 0;
    for (uint32_t n = 0; n < total; ++n) {
      if (Shard{n, total}.Owns(id)) {
        ++owners;
        ++sizes[n];
      }
    }
    EXPECT_EQ(owners, 1) << id;
  }
  for (int size : sizes) EXPECT_NEAR(size, 1000, 150);
}

TEST(ShardTest, OneShardOwnsEverything) {
  EXPECT_TRUE(Shard{}.Owns("anything"));
}

}  // namespace
}  // namespace webex
