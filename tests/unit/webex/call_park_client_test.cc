#include "webex/call_park_client.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

TEST(UrlEncodeTest, EncodesBase64PunctuationAndUtf8) {
  EXPECT_EQ(UrlEncode("Y2lz+/=="), "Y2lz%2B%2F%3D%3D");
  EXPECT_EQ(UrlEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(UrlEncode("\xc3\xbc ?&"), "%C3%BC%20%3F%26");
}

TEST(RedactedTest, ReplacesEveryOccurrence) {
  EXPECT_EQ(Redacted("bad token abc in abc", "abc"),
            "bad token <redacted> in <redacted>");
  EXPECT_EQ(Redacted("nothing here", "abc"), "nothing here");
  EXPECT_EQ(Redacted("empty secret", ""), "empty secret");
}

TEST(ApiErrorMessageTest, ReadsMessageOrFirstDescription) {
  EXPECT_EQ(ApiErrorMessage(R"({"message":"Not found","trackingId":"T"})"),
            "Not found");
  EXPECT_EQ(ApiErrorMessage(R"({"errors":[{"description":"Locked out"}]})"),
            "Locked out");
  EXPECT_EQ(ApiErrorMessage("<html>Bad Gateway</html>"), "");
  EXPECT_EQ(ApiErrorMessage(""), "");
}

}  // namespace
}  // namespace webex
