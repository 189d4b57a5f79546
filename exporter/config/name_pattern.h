#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>

namespace webex {

// An org's include or exclude pattern, in RE2 syntax (that of Prometheus's
// own regular expressions), searched for anywhere in a location's name.
// RE2 matches in time linear in the name and without recursion: with
// std::regex a long name from the API, or a deeply nested pattern, could
// overflow the stack. Check ok() (and error()) before use.
std::unique_ptr<re2::RE2> CompileNamePattern(const std::string& pattern);

}  // namespace webex
