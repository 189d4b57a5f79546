#pragma once

#include <string_view>

namespace webex {

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF). The text exposition format requires it of
// label values, so a name that is not would break a whole scrape.
bool IsValidUtf8(std::string_view text);

}  // namespace webex
