#include "exporter/fake/paging.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>

namespace webex::fake {

namespace {

std::optional<size_t> ParseCount(const std::optional<std::string>& text,
                                 size_t fallback) {
  if (!text) return fallback;

  size_t value = 0;
  const char* end = text->data() + text->size();
  auto [stop, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

}  // namespace

std::optional<PageRequest> ParsePageRequest(
    const std::optional<std::string>& start,
    const std::optional<std::string>& max, size_t default_max) {
  std::optional<size_t> first = ParseCount(start, 0);
  std::optional<size_t> size = ParseCount(max, default_max);
  if (!first || !size || *size == 0) return std::nullopt;
  return PageRequest{*first, *size};
}

PageSpan SpanOf(const PageRequest& page, size_t total) {
  PageSpan span;
  span.begin = std::min(page.start, total);
  span.end = span.begin + std::min(page.max, total - span.begin);
  span.has_next = span.end < total;
  return span;
}

std::string NextPageLink(std::string_view authority, std::string_view path,
                         const std::optional<std::string>& org_id,
                         const PageRequest& page) {
  std::string url = "http://" + std::string(authority) + std::string(path);
  url += '?';
  if (org_id) url += "orgId=" + UrlEncode(*org_id) + "&";
  url += "start=" + std::to_string(page.start + page.max);
  url += "&max=" + std::to_string(page.max);
  return "<" + url + ">; rel=\"next\"";
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                      c == '_' || c == '~';
    if (unreserved) {
      out += c;
      continue;
    }
    char escaped[4];
    std::snprintf(escaped, sizeof escaped, "%%%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += escaped;
  }
  return out;
}

}  // namespace webex::fake
