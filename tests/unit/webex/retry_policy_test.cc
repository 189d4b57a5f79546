#include "webex/retry_policy.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

TEST(RetryPolicyTest, BackoffGrowsWithinFullJitterBounds) {
  RetryPolicy policy(RetryPolicy::Limits{.max_retries = 10}, 7);
  for (int retry = 1; retry <= 8; ++retry) {
    int64_t ceiling = std::min<int64_t>(30000, int64_t{1000} << (retry - 1));
    for (int i = 0; i < 50; ++i) {
      auto delay = policy.Delay(ErrorReason::kServerError, retry, {});
      ASSERT_TRUE(delay);
      EXPECT_GE(delay->count(), 0);
      EXPECT_LE(delay->count(), ceiling);
    }
  }
}

TEST(RetryPolicyTest, StopsAtMaxRetriesAndForNonRetryable) {
  RetryPolicy policy(RetryPolicy::Limits{.max_retries = 2}, 7);
  EXPECT_TRUE(policy.Delay(ErrorReason::kTimeout, 2, {}));
  EXPECT_FALSE(policy.Delay(ErrorReason::kTimeout, 3, {}));
  EXPECT_FALSE(policy.Delay(ErrorReason::kNotFound, 1, {}));
  EXPECT_FALSE(policy.Delay(ErrorReason::kInvalidJson, 1, {}));
}

TEST(RetryPolicyTest, RetryAfterIsClamped) {
  RetryPolicy policy(RetryPolicy::Limits{}, 7);
  EXPECT_EQ(policy.Delay(ErrorReason::kRateLimited, 1, Duration(5000)),
            Duration(5000));
  EXPECT_EQ(policy.Delay(ErrorReason::kRateLimited, 1, Duration(0)),
            Duration(1000));
  EXPECT_EQ(policy.Delay(ErrorReason::kLocked, 1, Duration(86400000)),
            Duration(300000));
}

TEST(RetryAfterTest, ParsesSecondsAndHttpDates) {
  EXPECT_EQ(ParseRetryAfter("120", 0), Duration(120000));
  EXPECT_EQ(ParseRetryAfter("0", 0), Duration(0));
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111767.0),
            Duration(10000));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111787.0),
            Duration(0));
}

TEST(RetryAfterTest, AnOverflowingDelayMeansWaitTheLongest) {
  EXPECT_EQ(ParseRetryAfter("99999999999999999999", 0), Duration(86400000));
  EXPECT_EQ(ParseRetryAfter("-99999999999999999999", 0), std::nullopt);
}

TEST(RetryAfterTest, RejectsGarbage) {
  for (const char* bad : {"", "-5", "soon", "12abc", "1.5"}) {
    EXPECT_EQ(ParseRetryAfter(bad, 0), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace webex
