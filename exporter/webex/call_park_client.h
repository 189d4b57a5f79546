#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "webex/call_park_settings.h"
#include "webex/dispatcher.h"
#include "webex/error_reason.h"
#include "webex/settings_parser.h"

namespace webex {

struct LocationRef {
  std::string org_id;  // empty: the token's own org
  std::string location_id;
};

// What one location's poll came to. Exactly one of `settings` and `error`
// is set, unless `abandoned` (the poll was cut short and says nothing).
struct SettingsFetch {
  std::optional<CallParkSettings> settings;
  std::optional<ErrorReason> error;
  long status = 0;
  std::string tracking_id;
  std::string detail;  // the API's message or the parser's; never the token
  bool abandoned = false;
};

// Fetches Call Park settings for many locations at once through the
// Dispatcher and parses them. Borrows the dispatcher and metrics; one
// thread at a time.
class CallParkClient {
 public:
  using OnResult = std::function<void(size_t index, SettingsFetch fetch)>;

  CallParkClient(std::string base_url, Dispatcher& dispatcher,
                 ApiMetrics& metrics);

  void FetchAll(const std::vector<LocationRef>& locations,
                const std::string& token, Clock::TimePoint deadline,
                const OnResult& on_result);

  // GET {base}/telephony/config/locations/{id}/callParks/settings?orgId=
  std::string SettingsUrl(const LocationRef& location) const;

 private:
  SettingsFetch Interpret(ExchangeOutcome outcome);

  const std::string base_url_;
  Dispatcher& dispatcher_;
  ApiMetrics& metrics_;
  SettingsParser parser_;
};

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string UrlEncode(std::string_view text);

// `text` with every occurrence of `secret` replaced, for text that came
// from the API and might echo the token back.
std::string Redacted(std::string text, const std::string& secret);

// The human part of a Webex error body: `message`, else the first
// `errors[].description`; empty when the body is not such JSON.
std::string ApiErrorMessage(std::string_view body);

}  // namespace webex
