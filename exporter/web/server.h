#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/web_config_file.h"
#include "util/text_chunks.h"
#include "web/basic_auth.h"
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
  // Optional: the exposition as gzip, for clients that accept it, when
  // the caller compresses better than the server can (cached parts);
  // nullopt falls back to plain metrics(). Unset: the server gzips.
  std::function<std::optional<std::string>()> metrics_gzip;
  // Optional: metrics() a piece at a time, sent as each piece is made
  // (chunked), so that a large exposition is never whole in memory.
  std::function<std::unique_ptr<TextChunks>()> metrics_stream = nullptr;
};

// The HTTP endpoint: /metrics, /healthz, /ready, / and POST /-/reload, on
// libmicrohttpd with two poll(2) threads, so idle connections cost nothing
// and one that sends nothing is dropped after 10 s. With a web config file
// (--web.config.file) it speaks TLS and asks every endpoint for basic auth
// or a client certificate, as the file says.
// Owns the listening socket and the daemon; destruction stops both within
// milliseconds, after the requests in flight. Construct, Secure() and
// destroy on one thread at a time, never from a route; port() may be read
// from any. Construction throws BindError with the address in its message.
class WebServer {
 public:
  WebServer(const std::string& listen_address, WebRoutes routes,
            const WebConfigFile& security = {});
  ~WebServer();

  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Applies a changed web config file without letting go of the socket.
  // New users apply from the next request. A changed tls_server_config
  // starts a second daemon with it on the same socket, then lets the old
  // one finish what it serves (up to a second) and stops it, so no
  // connection attempt is refused meanwhile. Returns "", or why the new
  // daemon did not start; then nothing changes.
  std::string Secure(const WebConfigFile& security);

  // The port actually bound (useful with port 0).
  int port() const { return socket_.port(); }

 private:
  struct Daemon;  // one libmicrohttpd daemon and what it was started with

  std::unique_ptr<Daemon> Start(const std::optional<TlsServerConfig>& tls);
  std::shared_ptr<BasicAuth> CurrentAuth() const;

  const WebRoutes routes_;
  ListenSocket socket_;
  mutable std::mutex auth_mutex_;
  std::shared_ptr<BasicAuth> auth_;  // guarded by auth_mutex_
  std::unique_ptr<Daemon> daemon_;
};

}  // namespace webex
