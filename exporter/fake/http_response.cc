#include "exporter/fake/http_response.h"

#include <algorithm>
#include <cctype>

namespace webex::fake {

namespace {

bool SameHeaderName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) {
                      return std::tolower(x) == std::tolower(y);
                    });
}

}  // namespace

void HttpResponse::SetHeader(std::string_view name, std::string value) {
  for (auto& [existing_name, existing_value] : headers) {
    if (SameHeaderName(existing_name, name)) {
      existing_value = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace webex::fake
