#include "exporter/fake/http_exchange.h"

#include <civetweb.h>

#include <string>
#include <vector>

#include "exporter/fake/connection_socket.h"

namespace webex::fake {

HttpExchange::HttpExchange(mg_connection* connection)
    : connection_(connection), request_(mg_get_request_info(connection)) {}

std::string_view HttpExchange::method() const {
  return request_->request_method;
}

std::string_view HttpExchange::path() const { return request_->local_uri; }

std::string_view HttpExchange::query() const {
  return request_->query_string != nullptr ? request_->query_string : "";
}

std::optional<std::string_view> HttpExchange::Header(const char* name) const {
  const char* value = mg_get_header(connection_, name);
  if (value == nullptr) return std::nullopt;
  return value;
}

std::optional<std::string> HttpExchange::QueryParameter(
    const char* name) const {
  return FormValue(query(), name);
}

std::string HttpExchange::Authority() const {
  if (std::optional<std::string_view> host = Header("Host")) {
    return std::string(*host);
  }
  return "127.0.0.1:" + std::to_string(request_->server_port);
}

std::optional<std::string> HttpExchange::ReadBody(size_t limit) {
  std::string body;
  char buffer[8192];
  while (true) {
    int read = mg_read(connection_, buffer, sizeof buffer);
    if (read < 0) return std::nullopt;
    if (read == 0) return body;

    body.append(buffer, static_cast<size_t>(read));
    if (body.size() > limit) return std::nullopt;
  }
}

bool HttpExchange::Send(const HttpResponse& response) {
  if (!SendHeaders(response)) return false;
  if (response.body.empty()) return true;

  return mg_write(connection_, response.body.data(), response.body.size()) > 0;
}

bool HttpExchange::SendTrickled(const HttpResponse& response,
                                std::chrono::milliseconds interval,
                                const StopSignal& stop) {
  if (!SendHeaders(response)) return false;

  for (char byte : response.body) {
    if (!stop.SleepFor(interval)) return false;
    if (mg_write(connection_, &byte, 1) <= 0) return false;
  }
  return true;
}

std::string HttpExchange::Peer() const {
  return std::string(request_->remote_addr) + ":" +
         std::to_string(request_->remote_port);
}

void HttpExchange::Drop() { mg_disable_connection_keep_alive(connection_); }

void HttpExchange::Hang(const StopSignal& stop) {
  // Without the socket there is no telling when the client leaves, so the
  // request waits for shutdown.
  std::optional<int> socket = FindConnectionSocket(*request_);
  if (socket) {
    WaitForPeerClose(*socket, stop);
  } else {
    while (stop.SleepFor(std::chrono::seconds(1))) {
    }
  }
  Drop();
}

bool HttpExchange::SendHeaders(const HttpResponse& response) {
  if (mg_response_header_start(connection_, response.status) != 0) {
    return false;
  }
  for (const auto& [name, value] : response.headers) {
    mg_response_header_add(connection_, name.c_str(), value.c_str(),
                           static_cast<int>(value.size()));
  }
  std::string length = std::to_string(response.body.size());
  mg_response_header_add(connection_, "Content-Length", length.c_str(),
                         static_cast<int>(length.size()));
  return mg_response_header_send(connection_) == 0;
}

std::optional<std::string> FormValue(std::string_view form, const char* name) {
  // A decoded value is never longer than its encoded form.
  std::vector<char> value(form.size() + 1);
  int length =
      mg_get_var(form.data(), form.size(), name, value.data(), value.size());
  if (length < 0) return std::nullopt;
  return std::string(value.data(), static_cast<size_t>(length));
}

}  // namespace webex::fake
