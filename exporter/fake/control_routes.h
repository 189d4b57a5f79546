// The fake's control API for tests, under /_fake.
#ifndef EXPORTER_FAKE_CONTROL_ROUTES_H_
#define EXPORTER_FAKE_CONTROL_ROUTES_H_

#include <string>
#include <string_view>
#include <vector>

#include "exporter/fake/fake_state.h"
#include "exporter/fake/http_exchange.h"
#include "exporter/fake/http_response.h"

namespace webex::fake {

// Lets a test inspect and steer the fake: locations and their settings,
// fault sequences, accepted tokens, and the record of API requests. No
// authentication; control requests are not recorded. The routes and body
// formats are listed in exporter/fake/README.md.
//
// Answers are JSON; a rejected request gets {"error":"..."} with 400 (bad
// body), 404 (no such location or route), 405, 409 (id already taken) or
// 413 (body over 1 MiB).
//
// Thread-safe: Serve() runs concurrently on civetweb's worker threads and
// touches only the thread-safe members of FakeState.
class ControlRoutes {
 public:
  explicit ControlRoutes(FakeState& state);

  void Serve(HttpExchange& exchange);

 private:
  using Segments = std::vector<std::string_view>;

  HttpResponse Route(HttpExchange& exchange, const Segments& segments);
  HttpResponse Locations(HttpExchange& exchange);
  HttpResponse Location(HttpExchange& exchange, const std::string& id);
  HttpResponse Settings(HttpExchange& exchange, const std::string& id);
  HttpResponse Faults(HttpExchange& exchange, const std::string& scope);
  HttpResponse Tokens(HttpExchange& exchange);
  HttpResponse Requests(HttpExchange& exchange);
  HttpResponse Stats(HttpExchange& exchange);

  FakeState& state_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_CONTROL_ROUTES_H_
