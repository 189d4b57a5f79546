#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/duration.h"

namespace webex {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string form_body;             // non-empty: sent as a POST
};

// How an exchange failed below HTTP, if it did.
enum class TransportError { kNone, kTimeout, kNetwork, kTls, kTooLarge };

struct HttpResponse {
  TransportError error = TransportError::kNone;
  std::string error_detail;  // the library's message; no secrets
  long status = 0;           // 0 when no response arrived
  std::string body;
  std::string tracking_id;  // the TrackingID response header
  std::string retry_after;  // the Retry-After response header, raw
  std::string link;         // the Link response header, raw
  std::chrono::duration<double> elapsed{0};
};

// Runs HTTP exchanges concurrently. A caller starts exchanges and then
// collects them as they finish; it decides how many run at once. One
// thread drives a transport; only Wakeup() may be called from another.
class HttpTransport {
 public:
  using ExchangeId = uint64_t;
  using Finished = std::vector<std::pair<ExchangeId, HttpResponse>>;

  virtual ~HttpTransport() = default;

  // Starts an exchange; its timeout runs from now.
  virtual void Start(ExchangeId id, const HttpRequest& request) = 0;

  // Returns the exchanges that have finished, waiting up to `max_wait` for
  // at least one. May return none (time is up, or Wakeup was called).
  virtual Finished Wait(Duration max_wait) = 0;

  // Sends what the started exchanges can send now, without waiting.
  virtual void Flush() = 0;

  // Drops every exchange still running; none of them will be returned.
  virtual void CancelAll() = 0;

  // Makes a Wait in progress return early. Thread-safe.
  virtual void Wakeup() = 0;
};

}  // namespace webex
