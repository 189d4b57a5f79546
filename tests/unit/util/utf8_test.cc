#include "util/utf8.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  for (const char* good :
       {"", "plain", "Z\xc3\xbcrich", "\xe6\x9d\xb1\xe4\xba\xac",
        "\xf0\x9f\x93\x9e emoji", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(IsValidUtf8(good)) << good;
  }
}

TEST(Utf8Test, RejectsMalformedText) {
  for (const char* bad : {
           "raw \xff\xfe bytes",  // never valid
           "\xc3",                // truncated
           "\xc0\xaf",            // overlong '/'
           "\xe0\x80\xaf",        // overlong, three bytes
           "\xed\xa0\x80",        // a surrogate
           "\xf4\x90\x80\x80",    // past U+10FFFF
           "\x80",                // a lone continuation
           "\xe6\x9d",            // truncated CJK
       }) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

}  // namespace
}  // namespace webex
