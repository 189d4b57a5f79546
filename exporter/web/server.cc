#include "web/server.h"

#include <civetweb.h>

#include <cstring>
#include <string_view>

namespace webex {
namespace {

void Reply(mg_connection* conn, int status, const char* content_type,
           std::string_view body) {
  mg_response_header_start(conn, status);
  mg_response_header_add(conn, "Content-Type", content_type, -1);
  std::string length = std::to_string(body.size());
  mg_response_header_add(conn, "Content-Length", length.c_str(), -1);
  mg_response_header_add(conn, "Cache-Control", "no-store", -1);
  mg_response_header_send(conn);
  const mg_request_info* request = mg_get_request_info(conn);
  if (std::strcmp(request->request_method, "HEAD") != 0) {
    mg_write(conn, body.data(), body.size());
  }
}

bool IsGetOrHead(mg_connection* conn) {
  const char* method = mg_get_request_info(conn)->request_method;
  return std::strcmp(method, "GET") == 0 || std::strcmp(method, "HEAD") == 0;
}

bool AllDigits(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return std::stoi(std::string(text)) <= 65535;
}

}  // namespace

bool SupportsIpv6() { return mg_check_feature(8) != 0; }

std::string CivetListenSpec(const std::string& address) {
  size_t colon = address.rfind(':');
  if (colon == std::string::npos || !AllDigits(address.substr(colon + 1))) {
    throw BindError("invalid listen address \"" + address +
                    "\": want host:port, [v6]:port or :port");
  }
  std::string host = address.substr(0, colon);
  std::string port = address.substr(colon + 1);
  if (host.empty()) return port;
  if (host.front() == '[' && host.back() == ']') return "+" + address;
  if (host.find(':') != std::string::npos) {
    throw BindError("invalid listen address \"" + address +
                    "\": write IPv6 hosts in brackets, e.g. [::1]:9877");
  }
  return address;
}

WebServer::WebServer(const std::string& listen_address, WebRoutes routes)
    : routes_(std::move(routes)) {
  std::string ports = CivetListenSpec(listen_address);
  if (ports.rfind("+[", 0) == 0 && !SupportsIpv6()) {
    throw BindError("cannot listen on " + listen_address +
                    ": the civetweb library was built without IPv6");
  }
  // Keep IPv6 literal hosts: civetweb wants "[::1]:port" without the "+"
  // (which would also open IPv4) when a host is named.
  if (ports.rfind("+[", 0) == 0) ports.erase(0, 1);
  const char* options[] = {
      "listening_ports",    ports.c_str(), "num_threads", "4",
      "request_timeout_ms", "10000",       nullptr};
  mg_callbacks callbacks{};
  mg_init_data init{};
  init.callbacks = &callbacks;
  init.configuration_options = options;
  char error_text[256] = "";
  mg_error_data error{};
  error.text = error_text;
  error.text_buffer_size = sizeof error_text;

  context_ = mg_start2(&init, &error);
  if (!context_) {
    throw BindError("cannot listen on " + listen_address + ": " +
                    (error_text[0] ? error_text : "unknown error"));
  }
  mg_server_port bound[4];
  int count = mg_get_server_ports(context_, 4, bound);
  if (count > 0) port_ = bound[0].port;

  mg_set_request_handler(context_, "/metrics$", OnMetrics, this);
  mg_set_request_handler(context_, "/healthz$", OnHealthz, this);
  mg_set_request_handler(context_, "/ready$", OnReady, this);
  mg_set_request_handler(context_, "/$", OnLanding, this);
  mg_set_request_handler(context_, "/-/reload$", OnReload, this);
}

WebServer::~WebServer() {
  if (context_) mg_stop(context_);
}

int WebServer::OnMetrics(mg_connection* conn, void* self) {
  if (!IsGetOrHead(conn)) {
    Reply(conn, 405, "text/plain", "method not allowed\n");
    return 405;
  }
  auto* server = static_cast<WebServer*>(self);
  Reply(conn, 200, "text/plain; version=0.0.4; charset=utf-8",
        server->routes_.metrics());
  return 200;
}

int WebServer::OnHealthz(mg_connection* conn, void*) {
  Reply(conn, 200, "text/plain", "ok\n");
  return 200;
}

int WebServer::OnReady(mg_connection* conn, void* self) {
  auto* server = static_cast<WebServer*>(self);
  if (server->routes_.ready()) {
    Reply(conn, 200, "text/plain", "ready\n");
    return 200;
  }
  Reply(conn, 503, "text/plain", "waiting for the first poll cycle\n");
  return 503;
}

int WebServer::OnReload(mg_connection* conn, void* self) {
  const char* method = mg_get_request_info(conn)->request_method;
  if (std::strcmp(method, "POST") != 0 && std::strcmp(method, "PUT") != 0) {
    Reply(conn, 405, "text/plain", "use POST\n");
    return 405;
  }
  auto* server = static_cast<WebServer*>(self);
  std::string error = server->routes_.reload();
  if (!error.empty()) {
    Reply(conn, 500, "text/plain", "reload rejected: " + error + "\n");
    return 500;
  }
  Reply(conn, 200, "text/plain", "reloaded\n");
  return 200;
}

int WebServer::OnLanding(mg_connection* conn, void* self) {
  auto* server = static_cast<WebServer*>(self);
  Reply(conn, 200, "text/html; charset=utf-8", server->routes_.landing());
  return 200;
}

}  // namespace webex
