// The fake's imitation of the Webex API, under /v1.
#ifndef EXPORTER_FAKE_WEBEX_API_ROUTES_H_
#define EXPORTER_FAKE_WEBEX_API_ROUTES_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "exporter/fake/fake_state.h"
#include "exporter/fake/fault_plan.h"
#include "exporter/fake/http_exchange.h"
#include "exporter/fake/http_response.h"

namespace webex::fake {

enum class ApiEndpoint {
  // GET /v1/telephony/config/locations/{id}/callParks/settings
  kCallParkSettings,
  // GET /v1/telephony/config/locations
  kTelephonyLocations,
  // GET /v1/locations
  kLocations,
  // POST /v1/access_token
  kAccessToken,
  kUnknown,
};

struct ApiRoute {
  ApiEndpoint endpoint = ApiEndpoint::kUnknown;
  // Set for kCallParkSettings.
  std::optional<std::string> location_id;
};

ApiRoute MatchApiRoute(std::string_view path);

// Answers API requests as Webex would, after the configured latency and any
// scripted fault, and records each in the request log.
//
// Every answer carries a TrackingID header (the request's own, if it sent
// one) and Content-Type: application/json. A bearer token must be accepted
// by the token store; an orgId other than the fake's gets 403.
//
// Thread-safe: Serve() runs concurrently on civetweb's worker threads and
// touches only the thread-safe members of FakeState.
class WebexApiRoutes {
 public:
  explicit WebexApiRoutes(FakeState& state);

  void Serve(HttpExchange& exchange);

 private:
  ApiRequestRecord RecordOf(const HttpExchange& exchange, const ApiRoute& route,
                            const std::string& tracking_id);
  // Returns the status sent, or 0 when none was.
  int Respond(HttpExchange& exchange, const ApiRoute& route,
              const std::string& tracking_id);
  int Misbehave(HttpExchange& exchange, const ApiRoute& route,
                const FaultStep& fault, const std::string& tracking_id);

  HttpResponse Answer(HttpExchange& exchange, const ApiRoute& route,
                      const std::string& tracking_id);
  HttpResponse Settings(const std::string& location_id,
                        const std::string& tracking_id);
  HttpResponse LocationList(HttpExchange& exchange, std::string_view array_key,
                            size_t default_max, const std::string& tracking_id);
  HttpResponse AccessToken(HttpExchange& exchange,
                           const std::string& tracking_id);

  // An error answer for a failed check, or nullopt when the request may
  // proceed.
  std::optional<HttpResponse> CheckAccess(const HttpExchange& exchange,
                                          const std::string& tracking_id);
  bool Authorized(const HttpExchange& exchange) const;
  std::string TrackingIdFor(const HttpExchange& exchange);

  FakeState& state_;
  const uint64_t tracking_salt_;
  std::atomic<uint64_t> tracking_sequence_{0};
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_WEBEX_API_ROUTES_H_
