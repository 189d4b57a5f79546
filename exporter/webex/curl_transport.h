#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "webex/http.h"

namespace webex {

struct TransportOptions {
  Duration connect_timeout = std::chrono::seconds(5);
  Duration timeout = std::chrono::seconds(10);  // the whole exchange
  size_t max_body_bytes = 1 << 20;
  long max_connections = 8;  // kept alive between polls
  std::string user_agent = "webex-callpark-exporter";
};

// HttpTransport on one libcurl multi handle: every exchange shares its
// connection cache (keep-alive, HTTP/2 multiplexing where offered). It
// drives curl by its socket interface, over epoll. Owns the multi handle,
// a pool of easy handles, the epoll and the wake-up descriptors. Not
// thread-safe apart from Wakeup(); curl_global_init must have run before
// construction.
class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(const TransportOptions& options);
  ~CurlTransport() override;

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void Start(ExchangeId id, const HttpRequest& request) override;
  Finished Wait(Duration max_wait) override;
  void Flush() override;
  void CancelAll() override;
  void Wakeup() override;

 private:
  struct Exchange;

  static int OnSocket(CURL* easy, curl_socket_t socket, int what, void* self,
                      void* socket_data);
  static int OnTimer(CURLM* multi, long timeout_ms, void* self);
  void RunDueTimer();
  int WaitMillis(Duration max_wait) const;

  CURL* TakeEasyHandle();
  void Configure(Exchange& exchange, const HttpRequest& request);
  Finished CollectFinished();
  HttpResponse Finish(Exchange& exchange, CURLcode code);

  const TransportOptions options_;
  CURLM* multi_;
  const int epoll_fd_;
  const int wake_fd_;  // an eventfd: Wakeup() makes it readable
  // When curl wants its timeout call; none when it has no timer set.
  std::optional<std::chrono::steady_clock::time_point> timer_;
  std::vector<CURL*> idle_;
  std::unordered_map<CURL*, std::unique_ptr<Exchange>> running_;
};

}  // namespace webex
