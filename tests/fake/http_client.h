// A minimal blocking HTTP client over libcurl for the fake API's tests.
#ifndef TESTS_FAKE_HTTP_CLIENT_H_
#define TESTS_FAKE_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace webex::fake::testing {

struct HttpResult {
  CURLcode curl_code = CURLE_OK;
  long status = 0;
  // Header names lower-cased; the last value wins.
  std::map<std::string, std::string> headers;
  std::string body;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;
  std::string body;
  std::chrono::milliseconds timeout{3000};
  // When set, sent as Accept-Encoding, and curl decodes the answer.
  std::string accept_encoding;
  // For https:// URLs: the only certificate (or CA) trusted, host name
  // checked; a client certificate and key to present; a CURL_SSLVERSION_*
  // value to limit the TLS versions.
  std::string ca_file;
  std::string client_cert_file;
  std::string client_key_file;
  long ssl_version = CURL_SSLVERSION_DEFAULT;
  // Basic auth, sent when either is set.
  std::string user;
  std::string password;
};

// One request per call, each on a fresh easy handle, so calls from several
// threads do not interfere. Talks only to the URLs the tests give it.
HttpResult Send(const HttpRequest& request);

HttpResult Get(const std::string& url,
               const std::vector<std::string>& headers = {});

}  // namespace webex::fake::testing

#endif  // TESTS_FAKE_HTTP_CLIENT_H_
