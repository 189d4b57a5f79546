#pragma once

// What the integration tests share: plain HTTP calls to the loopback
// servers they start, and reading a scrape.

#include <string>

namespace webex::testing {

struct HttpReply {
  long status = 0;  // 0: no answer
  std::string body;
};

// One request to a loopback server the test started, 5 s at most.
HttpReply HttpCall(const std::string& method, const std::string& url,
                   const std::string& body = "");

// Whether `text` holds `line` as a whole line (not the first one).
bool HasLine(const std::string& text, const std::string& line);

// Waits (5 s at most) until the exporter on `port` is ready, then returns
// its /metrics; "" and a test failure when it never gets ready.
std::string ScrapeWhenReady(int port);

std::string ReadFile(const std::string& path);

}  // namespace webex::testing
