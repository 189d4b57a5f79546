// An HTTP answer the fake Webex API is about to send.
#ifndef EXPORTER_FAKE_HTTP_RESPONSE_H_
#define EXPORTER_FAKE_HTTP_RESPONSE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace webex::fake {

// A plain value: status, headers in order, and the whole body.
// Content-Length is added when it is sent.
struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces any header of the same name (case-insensitively) or adds one.
  void SetHeader(std::string_view name, std::string value);
};

// A response with Content-Type: application/json.
HttpResponse JsonResponse(int status, std::string body);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_HTTP_RESPONSE_H_
