#include "webex/call_park_client.h"

namespace webex {

std::string UrlEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                      c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
      continue;
    }
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Redacted(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at; (at = text.find(secret)) != std::string::npos;) {
    text.replace(at, secret.size(), "<redacted>");
  }
  return text;
}

std::string ApiErrorMessage(std::string_view body) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return "";

  std::string_view message;
  if (!doc["message"].get_string().get(message)) {
    return std::string(message.substr(0, 200));
  }
  doc.rewind();
  simdjson::ondemand::array errors;
  if (doc["errors"].get_array().get(errors)) return "";
  for (auto error : errors) {
    std::string_view description;
    if (!error["description"].get_string().get(description)) {
      return std::string(description.substr(0, 200));
    }
  }
  return "";
}

CallParkClient::CallParkClient(std::string base_url, Dispatcher& dispatcher,
                               ApiMetrics& metrics)
    : base_url_(std::move(base_url)),
      dispatcher_(dispatcher),
      metrics_(metrics) {
  metrics_.Declare(kCallParkSettingsEndpoint);
}

std::string CallParkClient::SettingsUrl(const LocationRef& location) const {
  std::string url = base_url_ + "/telephony/config/locations/" +
                    UrlEncode(location.location_id) + "/callParks/settings";
  if (!location.org_id.empty()) url += "?orgId=" + UrlEncode(location.org_id);
  return url;
}

void CallParkClient::FetchAll(const std::vector<LocationRef>& locations,
                              const std::string& token,
                              Clock::TimePoint deadline,
                              const OnResult& on_result) {
  std::vector<HttpRequest> batch;
  batch.reserve(locations.size());
  for (const LocationRef& location : locations) {
    batch.push_back(
        {SettingsUrl(location),
         {"Authorization: Bearer " + token, "Accept: application/json"},
         ""});
  }

  dispatcher_.Run(kCallParkSettingsEndpoint, batch, deadline,
                  [&](size_t index, ExchangeOutcome outcome) {
                    SettingsFetch fetch = Interpret(std::move(outcome));
                    fetch.detail = Redacted(fetch.detail, token);
                    on_result(index, std::move(fetch));
                  });
}

SettingsFetch CallParkClient::Interpret(ExchangeOutcome outcome) {
  SettingsFetch fetch;
  fetch.abandoned = outcome.abandoned;
  fetch.status = outcome.response.status;
  fetch.tracking_id = outcome.tracking_id;
  if (outcome.abandoned) return fetch;

  if (outcome.error) {
    fetch.error = outcome.error;
    fetch.detail = outcome.response.error_detail;
    if (fetch.detail.empty()) {
      fetch.detail = ApiErrorMessage(outcome.response.body);
    }
    return fetch;
  }

  ParseResult parsed = parser_.Parse(outcome.response.body);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    metrics_.CountError(kCallParkSettingsEndpoint, error->reason);
    fetch.error = error->reason;
    fetch.detail = error->detail;
    return fetch;
  }
  fetch.settings = std::get<CallParkSettings>(std::move(parsed));
  return fetch;
}

}  // namespace webex
