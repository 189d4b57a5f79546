#pragma once

#include <curl/curl.h>

#include <memory>
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
// connection cache (keep-alive, HTTP/2 multiplexing where offered).
// Owns the multi handle and a pool of easy handles. Not thread-safe apart
// from Wakeup(); curl_global_init must have run before construction.
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

  CURL* TakeEasyHandle();
  void Configure(Exchange& exchange, const HttpRequest& request);
  Finished CollectFinished();
  HttpResponse Finish(Exchange& exchange, CURLcode code);

  const TransportOptions options_;
  CURLM* multi_;
  std::vector<CURL*> idle_;
  std::unordered_map<CURL*, std::unique_ptr<Exchange>> running_;
};

}  // namespace webex
