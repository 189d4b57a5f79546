#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "web/listen_address.h"

struct mg_context;
struct mg_connection;

namespace webex {

// What the web server serves; each callback runs on a server thread and
// must be thread-safe.
struct WebRoutes {
  std::function<std::string()> metrics;  // the exposition text
  std::function<bool()> ready;           // /ready: 200 or 503
  std::function<std::string()> landing;  // the HTML of /
  std::function<std::string()> reload;   // POST /-/reload: "" or the error
};

// The HTTP endpoint: /metrics, /healthz, /ready, / and POST /-/reload, on
// civetweb.
// Owns the civetweb context; stops it on destruction. Construction throws
// BindError with the address in its message.
class WebServer {
 public:
  WebServer(const std::string& listen_address, WebRoutes routes);
  ~WebServer();

  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // The port actually bound (useful with port 0).
  int port() const { return port_; }

 private:
  static int OnMetrics(mg_connection* conn, void* self);
  static int OnHealthz(mg_connection* conn, void* self);
  static int OnReady(mg_connection* conn, void* self);
  static int OnLanding(mg_connection* conn, void* self);
  static int OnReload(mg_connection* conn, void* self);

  const WebRoutes routes_;
  mg_context* context_ = nullptr;
  int port_ = 0;
};

// Whether the civetweb library can listen on IPv6 (Debian 12's cannot).
bool SupportsIpv6();

// Turns "host:port", "[::1]:port" or ":port" into civetweb's form, or
// throws BindError.
std::string CivetListenSpec(const std::string& listen_address);

}  // namespace webex
