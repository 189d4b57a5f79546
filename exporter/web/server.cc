#include "web/server.h"

#include <microhttpd.h>

#include <exception>
#include <memory>
#include <optional>
#include <string_view>

#include "web/gzip.h"

namespace webex {
namespace {

constexpr unsigned kThreads = 2;
constexpr unsigned kIdleTimeoutSeconds = 10;

struct Answer {
  unsigned status = 200;
  const char* content_type = "text/plain";
  std::string body;
  const char* allow = nullptr;     // the Allow header of a 405
  const char* encoding = nullptr;  // Content-Encoding, when compressed
  bool vary = false;               // the body depends on Accept-Encoding
};

Answer Text(unsigned status, std::string body) {
  return {status, "text/plain", std::move(body)};
}

Answer NotAllowed(const char* allow) {
  Answer answer = Text(405, "method not allowed\n");
  answer.allow = allow;
  return answer;
}

bool IsGetOrHead(std::string_view method) {
  return method == "GET" || method == "HEAD";
}

Answer Metrics(const WebRoutes& routes, std::string_view accept_encoding) {
  Answer answer{200, "text/plain; version=0.0.4; charset=utf-8",
                routes.metrics()};
  answer.vary = true;
  if (!AcceptsGzip(accept_encoding)) return answer;
  if (std::optional<std::string> packed = Gzip(answer.body)) {
    answer.body = std::move(*packed);
    answer.encoding = "gzip";
  }
  return answer;
}

Answer Route(const WebRoutes& routes, std::string_view method,
             std::string_view url, std::string_view accept_encoding) {
  if (url == "/metrics") {
    if (!IsGetOrHead(method)) return NotAllowed("GET, HEAD");
    return Metrics(routes, accept_encoding);
  }
  if (url == "/healthz") return Text(200, "ok\n");
  if (url == "/ready") {
    if (routes.ready()) return Text(200, "ready\n");
    return Text(503, "waiting for the first poll cycle\n");
  }
  if (url == "/") return {200, "text/html; charset=utf-8", routes.landing()};
  if (url == "/-/reload") {
    if (method != "POST" && method != "PUT") return NotAllowed("POST, PUT");
    std::string error = routes.reload();
    if (!error.empty()) return Text(500, "reload rejected: " + error + "\n");
    return Text(200, "reloaded\n");
  }
  return Text(404, "404 page not found\n");
}

// A route that throws answers 500 with the exception's message.
Answer RouteOrError(const WebRoutes& routes, std::string_view method,
                    std::string_view url, std::string_view accept_encoding) {
  try {
    return Route(routes, method, url, accept_encoding);
  } catch (const std::exception& e) {
    return Text(500, std::string("internal error: ") + e.what() + "\n");
  }
}

void DeleteBody(void* body) { delete static_cast<std::string*>(body); }

// Hands the body to MHD without copying it; MHD frees it with the
// response. For HEAD, MHD sends the headers only.
MHD_Result Send(MHD_Connection* connection, Answer answer) {
  auto body = std::make_unique<std::string>(std::move(answer.body));
  MHD_Response* response =
      MHD_create_response_from_buffer_with_free_callback_cls(
          body->size(), body->data(), DeleteBody, body.get());
  if (!response) return MHD_NO;
  body.release();
  MHD_add_response_header(response, "Content-Type", answer.content_type);
  MHD_add_response_header(response, "Cache-Control", "no-store");
  if (answer.allow) MHD_add_response_header(response, "Allow", answer.allow);
  if (answer.encoding) {
    MHD_add_response_header(response, "Content-Encoding", answer.encoding);
  }
  if (answer.vary) MHD_add_response_header(response, "Vary", "Accept-Encoding");
  MHD_Result queued = MHD_queue_response(connection, answer.status, response);
  MHD_destroy_response(response);
  return queued;
}

// MHD's access handler. It runs once with *request == nullptr when the
// headers arrive, again for each piece of a body (ignored), and last with
// *upload_size == 0, when the answer is sent. Nothing may throw into C:
// if even the answer cannot be built, MHD closes the connection.
MHD_Result OnRequest(void* routes, MHD_Connection* connection, const char* url,
                     const char* method, const char*, const char*,
                     size_t* upload_size, void** request) {
  static int seen;
  if (*request == nullptr) {
    *request = &seen;
    return MHD_YES;
  }
  if (*upload_size != 0) {
    *upload_size = 0;
    return MHD_YES;
  }
  try {
    const auto& served = *static_cast<const WebRoutes*>(routes);
    const char* accept = MHD_lookup_connection_value(
        connection, MHD_HEADER_KIND, "Accept-Encoding");
    return Send(connection,
                RouteOrError(served, method, url, accept ? accept : ""));
  } catch (...) {
    return MHD_NO;
  }
}

}  // namespace

WebServer::WebServer(const std::string& listen_address, WebRoutes routes)
    : routes_(std::move(routes)), socket_(listen_address) {
  // MHD_USE_ITC lets the destructor take the socket back (quiesce). poll,
  // not epoll: libmicrohttpd 0.9.75 quiescing epoll workers races them and
  // can abort the process when a stop meets an arriving connection.
  daemon_ = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC, 0, nullptr,
      nullptr, OnRequest, const_cast<WebRoutes*>(&routes_),
      MHD_OPTION_LISTEN_SOCKET, socket_.fd(), MHD_OPTION_THREAD_POOL_SIZE,
      kThreads, MHD_OPTION_CONNECTION_TIMEOUT, kIdleTimeoutSeconds,
      MHD_OPTION_END);
  if (!daemon_) {
    throw BindError("cannot listen on " + listen_address +
                    ": the HTTP server (libmicrohttpd) did not start");
  }
}

WebServer::~WebServer() {
  // Quiesced, MHD leaves the socket to socket_, which closes it last.
  MHD_quiesce_daemon(daemon_);
  MHD_stop_daemon(daemon_);
}

}  // namespace webex
