#pragma once

#include <string>
#include <string_view>

namespace webex {

// Text from the configuration as an error message may show it: as it is,
// unless it looks like an access token pasted into the wrong key (32 or
// more characters of a token's alphabet, and not a Webex id), in which
// case only its length is shown. An error names what is wrong; it must
// never be the way a token reaches a log.
std::string ShownInError(std::string_view text);

}  // namespace webex
