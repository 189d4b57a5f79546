#pragma once

#include <functional>
#include <memory>
#include <string>

#include "web/listen_address.h"
#include "web/listen_socket.h"

struct MHD_Daemon;

namespace webex {

// What the web server serves; each callback runs on a server thread and
// must be thread-safe. A callback that throws std::exception gets a 500.
struct WebRoutes {
  std::function<std::string()> metrics;  // the exposition text
  std::function<bool()> ready;           // /ready: 200 or 503
  std::function<std::string()> landing;  // the HTML of /
  std::function<std::string()> reload;   // POST /-/reload: "" or the error
};

// The HTTP endpoint: /metrics, /healthz, /ready, / and POST /-/reload, on
// libmicrohttpd with two poll(2) threads, so idle connections cost nothing
// and one that sends nothing is dropped after 10 s.
// Owns the listening socket and the daemon; destruction stops both within
// milliseconds, after the requests in flight. Construct and destroy on one
// thread; port() may be read from any. Construction throws BindError with
// the address in its message.
class WebServer {
 public:
  WebServer(const std::string& listen_address, WebRoutes routes);
  ~WebServer();

  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // The port actually bound (useful with port 0).
  int port() const { return socket_.port(); }

 private:
  const WebRoutes routes_;
  ListenSocket socket_;
  MHD_Daemon* daemon_ = nullptr;
};

}  // namespace webex
