#include "exporter/fake/control_routes.h"

#include <optional>
#include <utility>

#include "exporter/fake/control_json.h"
#include "exporter/fake/json_writer.h"

namespace webex::fake {

namespace {

constexpr std::string_view kPrefix = "/_fake";
constexpr size_t kMaxBody = 1024 * 1024;

HttpResponse ControlError(int status, std::string_view message) {
  JsonWriter writer;
  writer.BeginObject().Key("error").String(message).EndObject();
  return JsonResponse(status, writer.Take());
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse MethodNotAllowed() {
  return ControlError(405, "method not allowed here");
}

HttpResponse NoSuchLocation() { return ControlError(404, "no such location"); }

HttpResponse BodyTooLarge() {
  return ControlError(413, "the body is longer than 1 MiB or unreadable");
}

// The path below /_fake, split at '/'; empty segments are dropped.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(kPrefix.size());
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void WriteLocation(const FakeLocation& location, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("id").String(location.id);
  writer.Key("name").String(location.name);
  writer.Key("settings");
  WriteCallParkSettings(location.settings, writer);
  writer.EndObject();
}

HttpResponse LocationResponse(int status, const FakeLocation& location) {
  JsonWriter writer;
  WriteLocation(location, writer);
  return JsonResponse(status, writer.Take());
}

void WriteRecord(const ApiRequestRecord& record, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("method").String(record.method);
  writer.Key("path").String(record.path);
  writer.Key("query").String(record.query);
  writer.Key("location_id");
  if (record.location_id) {
    writer.String(*record.location_id);
  } else {
    writer.Null();
  }
  writer.Key("received_at").Double(record.received_at);
  writer.Key("tracking_id").String(record.tracking_id);
  writer.Key("authorized").Bool(record.authorized);
  writer.Key("status").Int(record.status);
  writer.Key("in_flight").Int(record.in_flight);
  writer.Key("peer").String(record.peer);
  writer.EndObject();
}

// The fault scope that /_fake/endpoints/{name}/faults addresses.
std::optional<std::string> EndpointFaultScope(std::string_view name) {
  if (name == "callpark_settings") return FaultPlan::AllLocationsScope();
  if (name == "locations" || name == "access_token") {
    return FaultPlan::EndpointScope(name);
  }
  return std::nullopt;
}

}  // namespace

ControlRoutes::ControlRoutes(FakeState& state) : state_(state) {}

void ControlRoutes::Serve(HttpExchange& exchange) {
  exchange.Send(Route(exchange, SplitPath(exchange.path())));
}

HttpResponse ControlRoutes::Route(HttpExchange& exchange,
                                  const Segments& segments) {
  size_t n = segments.size();
  std::string_view first = n > 0 ? segments[0] : "";
  std::string_view last = n > 0 ? segments[n - 1] : "";

  if (first == "locations" && n == 1) return Locations(exchange);
  if (first == "locations" && n == 2) {
    return Location(exchange, std::string(segments[1]));
  }
  if (first == "locations" && n == 3 && last == "settings") {
    return Settings(exchange, std::string(segments[1]));
  }
  if (first == "locations" && n == 3 && last == "faults") {
    return Faults(exchange, FaultPlan::LocationScope(segments[1]));
  }
  if (first == "faults" && n == 1) {
    return Faults(exchange, FaultPlan::AllLocationsScope());
  }
  if (first == "endpoints" && n == 3 && last == "faults") {
    std::optional<std::string> scope = EndpointFaultScope(segments[1]);
    if (!scope) return ControlError(404, "no such endpoint");
    return Faults(exchange, *scope);
  }
  if (first == "tokens" && n == 1) return Tokens(exchange);
  if (first == "requests" && n == 1) return Requests(exchange);
  if (first == "stats" && n == 1) return Stats(exchange);
  return ControlError(404, "no such control route");
}

HttpResponse ControlRoutes::Locations(HttpExchange& exchange) {
  if (exchange.method() == "GET") {
    JsonWriter writer;
    writer.BeginArray();
    for (const FakeLocation& location : state_.locations.All()) {
      WriteLocation(location, writer);
    }
    writer.EndArray();
    return JsonResponse(200, writer.Take());
  }
  if (exchange.method() != "POST") return MethodNotAllowed();

  std::optional<std::string> body = exchange.ReadBody(kMaxBody);
  if (!body) return BodyTooLarge();

  ParseResult<FakeLocation> parsed = ParseNewLocation(*body);
  if (!parsed.value) return ControlError(400, parsed.error);
  if (!state_.locations.Add(*parsed.value)) {
    return ControlError(409, "a location with this id exists");
  }
  return LocationResponse(201, *parsed.value);
}

HttpResponse ControlRoutes::Location(HttpExchange& exchange,
                                     const std::string& id) {
  if (exchange.method() == "GET") {
    std::optional<FakeLocation> location = state_.locations.Find(id);
    return location ? LocationResponse(200, *location) : NoSuchLocation();
  }
  if (exchange.method() != "DELETE") return MethodNotAllowed();

  return state_.locations.Remove(id) ? NoContent() : NoSuchLocation();
}

HttpResponse ControlRoutes::Settings(HttpExchange& exchange,
                                     const std::string& id) {
  bool replace = exchange.method() == "PUT";
  if (!replace && exchange.method() != "PATCH") return MethodNotAllowed();

  std::optional<std::string> body = exchange.ReadBody(kMaxBody);
  if (!body) return BodyTooLarge();

  bool found = false;
  if (replace) {
    ParseResult<CallParkSettings> parsed = ParseSettings(*body);
    if (!parsed.value) return ControlError(400, parsed.error);
    found = state_.locations.UpdateSettings(
        id, [&](CallParkSettings& settings) { settings = *parsed.value; });
  } else {
    ParseResult<SettingsPatch> parsed = ParseSettingsPatch(*body);
    if (!parsed.value) return ControlError(400, parsed.error);
    found =
        state_.locations.UpdateSettings(id, [&](CallParkSettings& settings) {
          ApplySettingsPatch(*parsed.value, settings);
        });
  }

  if (!found) return NoSuchLocation();

  std::optional<FakeLocation> location = state_.locations.Find(id);
  return location ? LocationResponse(200, *location) : NoSuchLocation();
}

HttpResponse ControlRoutes::Faults(HttpExchange& exchange,
                                   const std::string& scope) {
  if (exchange.method() == "DELETE") {
    state_.faults.Clear(scope);
    return NoContent();
  }
  if (exchange.method() != "POST") return MethodNotAllowed();

  std::optional<std::string> body = exchange.ReadBody(kMaxBody);
  if (!body) return BodyTooLarge();

  ParseResult<std::vector<FaultStep>> parsed = ParseFaultSteps(*body);
  if (!parsed.value) return ControlError(400, parsed.error);

  size_t count = parsed.value->size();
  state_.faults.Set(scope, std::move(*parsed.value));
  JsonWriter writer;
  writer.BeginObject().Key("steps").Int(static_cast<int64_t>(count));
  writer.EndObject();
  return JsonResponse(200, writer.Take());
}

HttpResponse ControlRoutes::Tokens(HttpExchange& exchange) {
  if (exchange.method() != "PUT") return MethodNotAllowed();

  std::optional<std::string> body = exchange.ReadBody(kMaxBody);
  if (!body) return BodyTooLarge();

  ParseResult<std::vector<std::string>> parsed = ParseTokenList(*body);
  if (!parsed.value) return ControlError(400, parsed.error);

  state_.tokens.ReplaceTokens(std::move(*parsed.value));
  return NoContent();
}

HttpResponse ControlRoutes::Requests(HttpExchange& exchange) {
  if (exchange.method() == "DELETE") {
    state_.requests.Clear();
    return NoContent();
  }
  if (exchange.method() != "GET") return MethodNotAllowed();

  JsonWriter writer;
  writer.BeginArray();
  for (const ApiRequestRecord& record : state_.requests.Records()) {
    WriteRecord(record, writer);
  }
  writer.EndArray();
  return JsonResponse(200, writer.Take());
}

HttpResponse ControlRoutes::Stats(HttpExchange& exchange) {
  if (exchange.method() != "GET") return MethodNotAllowed();

  RequestStats stats = state_.requests.Stats();
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("requests").Int(static_cast<int64_t>(stats.requests));
  writer.Key("in_flight").Int(stats.in_flight);
  writer.Key("max_in_flight").Int(stats.max_in_flight);
  writer.EndObject();
  return JsonResponse(200, writer.Take());
}

}  // namespace webex::fake
