#include "webex/rate_limiter.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

using std::chrono::milliseconds;

Clock::TimePoint At(int ms) { return Clock::TimePoint(milliseconds(ms)); }

TEST(RateLimiterTest, SpacesStartsEvenly) {
  RateLimiter limiter(4);
  limiter.Take(At(1000));
  EXPECT_EQ(limiter.NextSlot(), At(1250));
  limiter.Take(At(1250));
  EXPECT_EQ(limiter.NextSlot(), At(1500));
}

TEST(RateLimiterTest, NoLimitMeansNoSpacing) {
  RateLimiter limiter(0);
  limiter.Take(At(1000));
  EXPECT_EQ(limiter.NextSlot(), At(1000));
  limiter.Shrink();
  EXPECT_EQ(limiter.CurrentRate(), 0);
}

TEST(RateLimiterTest, ShrinksOnTooManyAndRecoversStepByStep) {
  RateLimiter limiter(10);
  limiter.Shrink();
  EXPECT_DOUBLE_EQ(limiter.CurrentRate(), 5);
  limiter.Shrink();
  EXPECT_DOUBLE_EQ(limiter.CurrentRate(), 2.5);
  limiter.Take(At(0));
  EXPECT_EQ(limiter.NextSlot(), At(400));

  limiter.Recover();
  EXPECT_DOUBLE_EQ(limiter.CurrentRate(), 3.5);
  for (int i = 0; i < 20; ++i) limiter.Recover();
  EXPECT_DOUBLE_EQ(limiter.CurrentRate(), 10);  // never past the configured
}

TEST(RateLimiterTest, NeverShrinksBelowTheFloor) {
  RateLimiter limiter(1);
  for (int i = 0; i < 20; ++i) limiter.Shrink();
  EXPECT_DOUBLE_EQ(limiter.CurrentRate(), 0.1);
}

TEST(RateLimiterTest, APauseIsReportedOnceWhenItStarts) {
  RateLimiter limiter(0);
  EXPECT_TRUE(limiter.PauseUntil(At(5000), At(0)));
  EXPECT_FALSE(limiter.PauseUntil(At(6000), At(100)));
  EXPECT_EQ(limiter.NextSlot(), At(6000));
  EXPECT_TRUE(limiter.PauseUntil(At(9000), At(7000)));
}

}  // namespace
}  // namespace webex
