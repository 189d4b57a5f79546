#pragma once

#include <string>

namespace webex::testing {

struct HttpReply {
  long status = 0;  // 0: no answer
  std::string body;
};

// One blocking request with a 5 s timeout; for tests only, on loopback.
HttpReply HttpCall(const std::string& method, const std::string& url,
                   const std::string& body = "");

}  // namespace webex::testing
