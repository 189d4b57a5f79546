#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "webex/dispatcher.h"
#include "webex/error_reason.h"

namespace webex {

struct DiscoveredLocation {
  std::string id;
  std::string name;
};

struct ListFailure {
  ErrorReason reason;
  long status = 0;
  std::string tracking_id;
  std::string detail;
};

using ListResult = std::variant<std::vector<DiscoveredLocation>, ListFailure>;

// Lists an org's Calling locations (GET {base}/telephony/config/locations,
// which leaves out locations without Calling and so without Call Park
// settings), page by page through `Link: <...>; rel="next"`. The org id is
// kept on every page even when a next link drops it; a link seen before,
// or one that points at another host than base_url, ends the listing (the
// token must never travel to another host). Borrows the dispatcher; one
// thread at a time.
class LocationLister {
 public:
  LocationLister(std::string base_url, Dispatcher& dispatcher,
                 ApiMetrics& metrics, int page_size = 500);

  ListResult List(const std::string& org_id, const std::string& token,
                  Clock::TimePoint deadline);

 private:
  std::optional<ListFailure> FetchPage(const std::string& url,
                                       const std::string& token,
                                       Clock::TimePoint deadline,
                                       std::vector<DiscoveredLocation>& out,
                                       std::string& next);

  const std::string base_url_;
  Dispatcher& dispatcher_;
  ApiMetrics& metrics_;
  const int page_size_;
};

// The target of the rel="next" link in a Link header, or "".
std::string NextLink(std::string_view link_header);

// "scheme://host:port" of a URL, for the same-origin check.
std::string OriginOf(std::string_view url);

// Parses a Calling locations page: {"locations":[{"id","name"},...]}.
std::optional<std::vector<DiscoveredLocation>> ParseLocationsPage(
    std::string_view body);

}  // namespace webex
