// One HTTP request and its answer, over a civetweb connection.
#ifndef EXPORTER_FAKE_HTTP_EXCHANGE_H_
#define EXPORTER_FAKE_HTTP_EXCHANGE_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "exporter/fake/http_response.h"
#include "exporter/fake/stop_signal.h"

struct mg_connection;
struct mg_request_info;

namespace webex::fake {

// Reads the request and writes at most one answer on a connection that
// civetweb lends to a request handler. Does not own the connection.
//
// Not thread-safe: use it only on the worker thread running the handler,
// and only while that handler runs. The send methods return false when the
// client went away; there is nothing else to do about it.
class HttpExchange {
 public:
  explicit HttpExchange(mg_connection* connection);

  std::string_view method() const;
  // URL-decoded path, without the query string.
  std::string_view path() const;
  // The raw query string, without '?'; empty when there is none.
  std::string_view query() const;
  std::optional<std::string_view> Header(const char* name) const;
  // The decoded value of query parameter `name`.
  std::optional<std::string> QueryParameter(const char* name) const;
  // The Host header, or the address the request came in on.
  std::string Authority() const;

  // The whole request body, or nullopt when it is longer than `limit` bytes
  // or cannot be read.
  std::optional<std::string> ReadBody(size_t limit);

  bool Send(const HttpResponse& response);

  // Sends the headers at once, then the body one byte per `interval`,
  // giving up early when `stop` fires.
  bool SendTrickled(const HttpResponse& response,
                    std::chrono::milliseconds interval, const StopSignal& stop);

  // "IP:PORT" of the client's end of the connection.
  std::string Peer() const;

  // Leaves the request unanswered: civetweb closes the connection as soon
  // as the handler returns. Called before a send, the answer says
  // "Connection: close" and the connection closes after it.
  void Drop();

  // Leaves the request unanswered until the client closes its end or
  // `stop` fires, then drops it.
  void Hang(const StopSignal& stop);

 private:
  bool SendHeaders(const HttpResponse& response);

  mg_connection* const connection_;
  const mg_request_info* const request_;
};

// The decoded value of form field `name` in an
// application/x-www-form-urlencoded `form` (a body or a query string).
std::optional<std::string> FormValue(std::string_view form, const char* name);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_HTTP_EXCHANGE_H_
