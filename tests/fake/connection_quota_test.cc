#include "exporter/fake/connection_quota.h"

#include <gtest/gtest.h>

namespace webex::fake {
namespace {

TEST(ConnectionQuotaTest, EveryThirdRequestOnAConnectionIsItsLast) {
  ConnectionQuota quota(3);
  EXPECT_FALSE(quota.Spend("127.0.0.1:5000"));
  EXPECT_FALSE(quota.Spend("127.0.0.1:5000"));
  EXPECT_TRUE(quota.Spend("127.0.0.1:5000"));
  // A client reusing the port starts a new count.
  EXPECT_FALSE(quota.Spend("127.0.0.1:5000"));
}

TEST(ConnectionQuotaTest, CountsEachConnectionOnItsOwn) {
  ConnectionQuota quota(2);
  EXPECT_FALSE(quota.Spend("127.0.0.1:5000"));
  EXPECT_FALSE(quota.Spend("127.0.0.1:5001"));
  EXPECT_TRUE(quota.Spend("127.0.0.1:5001"));
  EXPECT_TRUE(quota.Spend("127.0.0.1:5000"));
}

TEST(ConnectionQuotaTest, ZeroNeverCloses) {
  ConnectionQuota quota(0);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(quota.Spend("127.0.0.1:5000"));
}

TEST(ConnectionQuotaTest, OneClosesAfterEveryRequest) {
  ConnectionQuota quota(1);
  EXPECT_TRUE(quota.Spend("127.0.0.1:5000"));
  EXPECT_TRUE(quota.Spend("127.0.0.1:5000"));
}

}  // namespace
}  // namespace webex::fake
