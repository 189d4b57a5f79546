#include "webex/location_lister.h"

#include <simdjson.h>

#include <set>

#include "webex/call_park_client.h"

namespace webex {

std::string NextLink(std::string_view header) {
  size_t at = 0;
  while ((at = header.find('<', at)) != std::string_view::npos) {
    size_t close = header.find('>', at);
    if (close == std::string_view::npos) return "";
    size_t end = header.find(',', close);
    std::string_view params = header.substr(close + 1, end - close - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos ||
        params.find("rel=next") != std::string_view::npos) {
      return std::string(header.substr(at + 1, close - at - 1));
    }
    at = close;
  }
  return "";
}

std::string OriginOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  size_t path = url.find_first_of("/?#", scheme + 3);
  return std::string(url.substr(0, path));
}

std::optional<std::vector<DiscoveredLocation>> ParseLocationsPage(
    std::string_view body) {
  namespace od = simdjson::ondemand;
  simdjson::padded_string padded(body);
  od::parser parser;
  od::document doc;
  od::array items;
  if (parser.iterate(padded).get(doc) ||
      doc["locations"].get_array().get(items)) {
    return std::nullopt;
  }
  std::vector<DiscoveredLocation> locations;
  for (auto item : items) {
    od::object object;
    std::string_view id;
    std::string_view name;
    if (item.get_object().get(object) || object["id"].get_string().get(id)) {
      return std::nullopt;
    }
    if (object["name"].get_string().get(name)) name = id;
    if (id.empty()) return std::nullopt;
    locations.push_back({std::string(id), std::string(name)});
  }
  return locations;
}

namespace {

// A page seen again under another URL, or an item an API repeats across
// pages, must not count a location twice. The first sighting wins.
std::vector<DiscoveredLocation> WithoutRepeats(
    std::vector<DiscoveredLocation> locations) {
  std::set<std::string> seen;
  std::vector<DiscoveredLocation> unique;
  unique.reserve(locations.size());
  for (DiscoveredLocation& location : locations) {
    if (seen.insert(location.id).second) {
      unique.push_back(std::move(location));
    }
  }
  return unique;
}

// Whether the body could be JSON at all: an HTML page from a proxy, or a
// bare word, is invalid_json here as it is for settings answers.
bool LooksLikeJson(std::string_view body) {
  size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos &&
         (body[first] == '{' || body[first] == '[');
}

}  // namespace

LocationLister::LocationLister(std::string base_url, Dispatcher& dispatcher,
                               ApiMetrics& metrics, int page_size)
    : base_url_(std::move(base_url)),
      dispatcher_(dispatcher),
      metrics_(metrics),
      page_size_(page_size) {
  metrics_.Declare(kLocationsEndpoint);
}

ListResult LocationLister::List(const std::string& org_id,
                                const std::string& token,
                                Clock::TimePoint deadline) {
  std::string org_query = org_id.empty() ? "" : "orgId=" + UrlEncode(org_id);
  std::string url = base_url_ + "/telephony/config/locations?max=" +
                    std::to_string(page_size_);
  if (!org_query.empty()) url += "&" + org_query;

  std::vector<DiscoveredLocation> locations;
  std::set<std::string> seen;
  const std::string origin = OriginOf(base_url_);
  while (!url.empty() && seen.insert(url).second && seen.size() <= 10000) {
    std::string next;
    if (auto failure = FetchPage(url, token, deadline, locations, next)) {
      return *failure;
    }
    if (!next.empty() && OriginOf(next) != origin) break;
    if (!next.empty() && !org_query.empty() &&
        next.find("orgId=") == std::string::npos) {
      next += (next.find('?') == std::string::npos ? "?" : "&") + org_query;
    }
    url = next;
  }
  return WithoutRepeats(std::move(locations));
}

std::optional<ListFailure> LocationLister::FetchPage(
    const std::string& url, const std::string& token, Clock::TimePoint deadline,
    std::vector<DiscoveredLocation>& out, std::string& next) {
  std::optional<ExchangeOutcome> outcome;
  dispatcher_.Run(
      kLocationsEndpoint,
      {{url,
        {"Authorization: Bearer " + token, "Accept: application/json"},
        ""}},
      deadline, [&](size_t, ExchangeOutcome o) { outcome = std::move(o); });

  if (!outcome || outcome->abandoned) {
    return ListFailure{ErrorReason::kTimeout, 0, "", "listing cut short"};
  }
  const HttpResponse& response = outcome->response;
  if (outcome->error) {
    bool transport = response.error != TransportError::kNone;
    return ListFailure{
        *outcome->error, response.status, outcome->tracking_id,
        transport ? response.error_detail : ApiErrorMessage(response.body)};
  }
  if (!LooksLikeJson(response.body)) {
    metrics_.CountError(kLocationsEndpoint, ErrorReason::kInvalidJson);
    return ListFailure{ErrorReason::kInvalidJson, response.status,
                       outcome->tracking_id, "body: not JSON"};
  }
  auto page = ParseLocationsPage(response.body);
  if (!page) {
    metrics_.CountError(kLocationsEndpoint, ErrorReason::kInvalidPayload);
    return ListFailure{ErrorReason::kInvalidPayload, response.status,
                       outcome->tracking_id, "not a locations page"};
  }
  out.insert(out.end(), page->begin(), page->end());
  next = NextLink(response.link);
  return std::nullopt;
}

}  // namespace webex
