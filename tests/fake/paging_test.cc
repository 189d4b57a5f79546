#include "exporter/fake/paging.h"

#include <gtest/gtest.h>

namespace webex::fake {
namespace {

TEST(PagingTest, ParsesStartAndMaxWithDefaults) {
  std::optional<PageRequest> defaults =
      ParsePageRequest(std::nullopt, std::nullopt, 100);
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->start, 0u);
  EXPECT_EQ(defaults->max, 100u);

  EXPECT_FALSE(ParsePageRequest("x", std::nullopt, 100));
  EXPECT_FALSE(ParsePageRequest(std::nullopt, "0", 100));
  EXPECT_FALSE(ParsePageRequest("-1", "2", 100));
}

TEST(PagingTest, SpansStopAtTheEnd) {
  PageSpan middle = SpanOf({2, 2}, 5);
  EXPECT_EQ(middle.begin, 2u);
  EXPECT_EQ(middle.end, 4u);
  EXPECT_TRUE(middle.has_next);

  PageSpan last = SpanOf({4, 2}, 5);
  EXPECT_EQ(last.end, 5u);
  EXPECT_FALSE(last.has_next);

  PageSpan beyond = SpanOf({9, 2}, 5);
  EXPECT_EQ(beyond.begin, beyond.end);
}

TEST(PagingTest, NextLinkCarriesAnEncodedOrgId) {
  EXPECT_EQ(NextPageLink("127.0.0.1:8080", "/v1/locations", "a+b/c=", {0, 2}),
            "<http://127.0.0.1:8080/v1/locations?orgId=a%2Bb%2Fc%3D&start=2&"
            "max=2>; rel=\"next\"");
  EXPECT_EQ(NextPageLink("h:1", "/p", std::nullopt, {4, 3}),
            "<http://h:1/p?start=7&max=3>; rel=\"next\"");
}

}  // namespace
}  // namespace webex::fake
