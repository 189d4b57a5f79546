#include "http_client.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace webex::fake::testing {

namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    size_t start = line.find_first_not_of(' ', colon + 1);
    size_t end = line.find_last_not_of("\r\n");
    std::string value = start == std::string::npos || end < start
                            ? ""
                            : line.substr(start, end - start + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

// curl_global_init is not safe to race with other threads' handles, so it
// runs once, before the first handle, under the static-init guard.
void InitCurlOnce() {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)initialized;
}

void SetTls(CURL* handle, const HttpRequest& request) {
  if (!request.ca_file.empty()) {
    // Only this file is trusted: not the system's CAs.
    curl_easy_setopt(handle, CURLOPT_CAINFO, request.ca_file.c_str());
    curl_easy_setopt(handle, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  }
  if (!request.client_cert_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_SSLCERT, request.client_cert_file.c_str());
    curl_easy_setopt(handle, CURLOPT_SSLKEY, request.client_key_file.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_SSLVERSION, request.ssl_version);
}

void SetBasicAuth(CURL* handle, const HttpRequest& request) {
  if (request.user.empty() && request.password.empty()) return;
  curl_easy_setopt(handle, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  curl_easy_setopt(handle, CURLOPT_USERNAME, request.user.c_str());
  curl_easy_setopt(handle, CURLOPT_PASSWORD, request.password.c_str());
}

}  // namespace

HttpResult Send(const HttpRequest& request) {
  InitCurlOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                           curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      nullptr, curl_slist_free_all);
  for (const std::string& header : request.headers) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  }

  HttpResult result;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  // A HEAD answer has no body; curl must not wait for one.
  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.accept_encoding.empty()) {
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING,
                     request.accept_encoding.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(request.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROXY, "");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &AppendHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &result.headers);
  if (!request.body.empty() ||
      (request.method != "GET" && request.method != "HEAD")) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(request.body.size()));
  }

  SetTls(handle, request);
  SetBasicAuth(handle, request);

  result.curl_code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

HttpResult Get(const std::string& url,
               const std::vector<std::string>& headers) {
  HttpRequest request;
  request.url = url;
  request.headers = headers;
  return Send(request);
}

}  // namespace webex::fake::testing
