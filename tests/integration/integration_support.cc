#include "integration_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "fake/http_client.h"

namespace webex::testing {

HttpReply HttpCall(const std::string& method, const std::string& url,
                   const std::string& body) {
  fake::testing::HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.timeout = std::chrono::seconds(5);
  fake::testing::HttpResult result = fake::testing::Send(request);
  if (result.curl_code != CURLE_OK) return {0, ""};
  return {result.status, result.body};
}

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

std::string ScrapeWhenReady(int port) {
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  for (int i = 0; i < 250; ++i) {
    if (HttpCall("GET", base + "/ready").status == 200) {
      return HttpCall("GET", base + "/metrics").body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "never ready";
  return "";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace webex::testing
