// start/max paging with RFC 8288 Link headers, as the Webex lists do it.
#ifndef EXPORTER_FAKE_PAGING_H_
#define EXPORTER_FAKE_PAGING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace webex::fake {

struct PageRequest {
  size_t start = 0;
  size_t max = 0;
};

// Reads the `start` (default 0) and `max` (default `default_max`) query
// parameters; nullopt when either is not a number, or max is 0.
std::optional<PageRequest> ParsePageRequest(
    const std::optional<std::string>& start,
    const std::optional<std::string>& max, size_t default_max);

// The half-open range of items a page covers out of `total`.
struct PageSpan {
  size_t begin = 0;
  size_t end = 0;
  bool has_next = false;
};

PageSpan SpanOf(const PageRequest& page, size_t total);

// The Link header value pointing at the page after `page`:
// <http://AUTHORITY/PATH?orgId=ORG&start=S&max=M>; rel="next". orgId is
// included when the request had one.
std::string NextPageLink(std::string_view authority, std::string_view path,
                         const std::optional<std::string>& org_id,
                         const PageRequest& page);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(std::string_view text);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_PAGING_H_
