#include "exporter/fake/webex_api_routes.h"

#include <cctype>
#include <chrono>
#include <variant>
#include <vector>

#include "exporter/fake/call_park_settings.h"
#include "exporter/fake/json_writer.h"
#include "exporter/fake/paging.h"
#include "exporter/fake/webex_error.h"
#include "exporter/fake/webex_id.h"

namespace webex::fake {

namespace {

constexpr std::string_view kSettingsPrefix = "/v1/telephony/config/locations/";
constexpr std::string_view kSettingsSuffix = "/callParks/settings";
constexpr size_t kMaxFormBody = 64 * 1024;

double UnixSeconds() {
  std::chrono::duration<double> since_epoch =
      std::chrono::system_clock::now().time_since_epoch();
  return since_epoch.count();
}

HttpResponse ApiResponse(int status, std::string body,
                         const std::string& tracking_id) {
  HttpResponse response = JsonResponse(status, std::move(body));
  response.SetHeader("TrackingID", tracking_id);
  return response;
}

HttpResponse ApiError(int status, std::string_view message,
                      const std::string& tracking_id) {
  return ApiResponse(status, WebexErrorBody(message, tracking_id), tracking_id);
}

std::vector<std::string> FaultScopes(const ApiRoute& route) {
  switch (route.endpoint) {
    case ApiEndpoint::kCallParkSettings:
      return {FaultPlan::AllLocationsScope(),
              FaultPlan::LocationScope(*route.location_id)};
    case ApiEndpoint::kTelephonyLocations:
    case ApiEndpoint::kLocations:
      return {FaultPlan::EndpointScope("locations")};
    case ApiEndpoint::kAccessToken:
      return {FaultPlan::EndpointScope("access_token")};
    case ApiEndpoint::kUnknown:
      break;
  }
  return {};
}

bool MethodAllowed(const ApiRoute& route, std::string_view method) {
  if (route.endpoint == ApiEndpoint::kAccessToken) return method == "POST";
  return method == "GET";
}

// The token of an "Authorization: Bearer <token>" header.
std::optional<std::string_view> BearerToken(const HttpExchange& exchange) {
  std::optional<std::string_view> header = exchange.Header("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (!header || header->size() <= kScheme.size()) return std::nullopt;

  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>((*header)[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  return header->substr(kScheme.size());
}

std::string GrantBody(const TokenGrant& grant) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("access_token").String(grant.access_token);
  writer.Key("expires_in").Int(grant.expires_in.count());
  writer.Key("refresh_token").String(grant.refresh_token);
  writer.Key("refresh_token_expires_in")
      .Int(grant.refresh_token_expires_in.count());
  writer.Key("token_type").String("Bearer");
  writer.EndObject();
  return writer.Take();
}

std::string GrantErrorBody(GrantError error, const std::string& tracking_id) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("error").String(GrantErrorCode(error));
  writer.Key("error_description")
      .String(error == GrantError::kInvalidGrant
                  ? "The refresh token is invalid or has been replaced."
                  : "The request was rejected by the authorization server.");
  writer.Key("trackingId").String(tracking_id);
  writer.EndObject();
  return writer.Take();
}

RefreshRequest ReadRefreshRequest(std::string_view form) {
  RefreshRequest request;
  request.grant_type = FormValue(form, "grant_type").value_or("");
  request.client_id = FormValue(form, "client_id").value_or("");
  request.client_secret = FormValue(form, "client_secret").value_or("");
  request.refresh_token = FormValue(form, "refresh_token").value_or("");
  return request;
}

}  // namespace

ApiRoute MatchApiRoute(std::string_view path) {
  if (path == "/v1/telephony/config/locations") {
    return {ApiEndpoint::kTelephonyLocations, std::nullopt};
  }
  if (path == "/v1/locations") return {ApiEndpoint::kLocations, std::nullopt};
  if (path == "/v1/access_token") {
    return {ApiEndpoint::kAccessToken, std::nullopt};
  }

  bool settings_shape =
      path.size() > kSettingsPrefix.size() + kSettingsSuffix.size() &&
      path.starts_with(kSettingsPrefix) && path.ends_with(kSettingsSuffix);
  if (!settings_shape) return {};

  std::string_view id =
      path.substr(kSettingsPrefix.size(), path.size() - kSettingsPrefix.size() -
                                              kSettingsSuffix.size());
  if (id.find('/') != std::string_view::npos) return {};
  return {ApiEndpoint::kCallParkSettings, std::string(id)};
}

WebexApiRoutes::WebexApiRoutes(FakeState& state)
    : state_(state), tracking_salt_(RandomSalt()) {}

void WebexApiRoutes::Serve(HttpExchange& exchange) {
  ApiRoute route = MatchApiRoute(exchange.path());
  std::string tracking_id = TrackingIdFor(exchange);
  RequestLog::Ticket ticket =
      state_.requests.Begin(RecordOf(exchange, route, tracking_id));

  int status = Respond(exchange, route, tracking_id);
  state_.requests.Finish(ticket, status);
}

ApiRequestRecord WebexApiRoutes::RecordOf(const HttpExchange& exchange,
                                          const ApiRoute& route,
                                          const std::string& tracking_id) {
  ApiRequestRecord record;
  record.method = exchange.method();
  record.path = exchange.path();
  record.query = exchange.query();
  record.location_id = route.location_id;
  record.received_at = UnixSeconds();
  record.tracking_id = tracking_id;
  record.authorized = Authorized(exchange);
  record.peer = exchange.Peer();
  return record;
}

int WebexApiRoutes::Respond(HttpExchange& exchange, const ApiRoute& route,
                            const std::string& tracking_id) {
  if (!state_.stop.SleepFor(state_.latency)) {
    exchange.Drop();
    return 0;
  }

  std::optional<FaultStep> fault = state_.faults.Take(FaultScopes(route));
  if (fault) return Misbehave(exchange, route, *fault, tracking_id);

  HttpResponse response = Answer(exchange, route, tracking_id);
  if (state_.connections.Spend(exchange.Peer())) exchange.Drop();
  exchange.Send(response);
  return response.status;
}

int WebexApiRoutes::Misbehave(HttpExchange& exchange, const ApiRoute& route,
                              const FaultStep& fault,
                              const std::string& tracking_id) {
  if (!state_.stop.SleepFor(fault.delay) || fault.drop) {
    exchange.Drop();
    return 0;
  }
  if (fault.hang) {
    exchange.Hang(state_.stop);
    return 0;
  }

  HttpResponse response;
  if (fault.ReplacesAnswer()) {
    int status = fault.status.value_or(200);
    response = ApiResponse(status,
                           fault.body.value_or(WebexErrorBody(
                               StatusDescription(status), tracking_id)),
                           tracking_id);
  } else {
    response = Answer(exchange, route, tracking_id);
  }
  for (const auto& [name, value] : fault.headers) {
    response.SetHeader(name, value);
  }

  if (fault.trickle.count() > 0) {
    exchange.SendTrickled(response, fault.trickle, state_.stop);
  } else {
    exchange.Send(response);
  }
  return response.status;
}

HttpResponse WebexApiRoutes::Answer(HttpExchange& exchange,
                                    const ApiRoute& route,
                                    const std::string& tracking_id) {
  if (route.endpoint == ApiEndpoint::kUnknown) {
    return ApiError(404, StatusDescription(404), tracking_id);
  }
  if (!MethodAllowed(route, exchange.method())) {
    return ApiError(405, StatusDescription(405), tracking_id);
  }
  if (route.endpoint == ApiEndpoint::kAccessToken) {
    return AccessToken(exchange, tracking_id);
  }

  if (std::optional<HttpResponse> denied = CheckAccess(exchange, tracking_id)) {
    return *denied;
  }
  switch (route.endpoint) {
    case ApiEndpoint::kCallParkSettings:
      return Settings(*route.location_id, tracking_id);
    case ApiEndpoint::kTelephonyLocations:
      return LocationList(exchange, "locations", 100, tracking_id);
    case ApiEndpoint::kLocations:
      // The vendor's documented default for this list.
      return LocationList(exchange, "items", 500, tracking_id);
    default:
      return ApiError(404, StatusDescription(404), tracking_id);
  }
}

HttpResponse WebexApiRoutes::Settings(const std::string& location_id,
                                      const std::string& tracking_id) {
  std::optional<FakeLocation> location = state_.locations.Find(location_id);
  if (!location) {
    return ApiError(404, "Location not found.", tracking_id);
  }

  JsonWriter writer;
  WriteCallParkSettings(location->settings, writer);
  return ApiResponse(200, writer.Take(), tracking_id);
}

HttpResponse WebexApiRoutes::LocationList(HttpExchange& exchange,
                                          std::string_view array_key,
                                          size_t default_max,
                                          const std::string& tracking_id) {
  std::optional<PageRequest> page =
      ParsePageRequest(exchange.QueryParameter("start"),
                       exchange.QueryParameter("max"), default_max);
  if (!page) {
    return ApiError(400, "start and max must be numbers, and max above 0.",
                    tracking_id);
  }

  std::vector<FakeLocation> locations = state_.locations.All();
  PageSpan span = SpanOf(*page, locations.size());
  JsonWriter writer;
  writer.BeginObject().Key(array_key).BeginArray();
  for (size_t i = span.begin; i < span.end; ++i) {
    writer.BeginObject();
    writer.Key("id").String(locations[i].id);
    writer.Key("name").String(locations[i].name);
    writer.Key("orgId").String(state_.org_id);
    writer.EndObject();
  }
  writer.EndArray().EndObject();

  HttpResponse response = ApiResponse(200, writer.Take(), tracking_id);
  if (span.has_next) {
    response.SetHeader("Link",
                       NextPageLink(exchange.Authority(), exchange.path(),
                                    exchange.QueryParameter("orgId"), *page));
  }
  return response;
}

HttpResponse WebexApiRoutes::AccessToken(HttpExchange& exchange,
                                         const std::string& tracking_id) {
  std::optional<std::string> form = exchange.ReadBody(kMaxFormBody);
  if (!form) return ApiError(400, "The request body is too long.", tracking_id);

  std::variant<TokenGrant, GrantError> outcome =
      state_.tokens.Refresh(ReadRefreshRequest(*form));
  if (const GrantError* error = std::get_if<GrantError>(&outcome)) {
    return ApiResponse(400, GrantErrorBody(*error, tracking_id), tracking_id);
  }
  return ApiResponse(200, GrantBody(std::get<TokenGrant>(outcome)),
                     tracking_id);
}

std::optional<HttpResponse> WebexApiRoutes::CheckAccess(
    const HttpExchange& exchange, const std::string& tracking_id) {
  if (!Authorized(exchange)) {
    return ApiError(401,
                    "The request requires a valid access token set in the "
                    "Authorization request header.",
                    tracking_id);
  }

  std::optional<std::string> org_id = exchange.QueryParameter("orgId");
  if (org_id && *org_id != state_.org_id) {
    return ApiError(403, StatusDescription(403), tracking_id);
  }
  return std::nullopt;
}

bool WebexApiRoutes::Authorized(const HttpExchange& exchange) const {
  std::optional<std::string_view> token = BearerToken(exchange);
  return token && state_.tokens.Accepts(*token);
}

std::string WebexApiRoutes::TrackingIdFor(const HttpExchange& exchange) {
  if (std::optional<std::string_view> sent = exchange.Header("TrackingID")) {
    if (!sent->empty()) return std::string(*sent);
  }
  return TrackingId(tracking_salt_, ++tracking_sequence_);
}

}  // namespace webex::fake
