#include "webex/curl_transport.h"

#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace webex {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return text;
}

bool HeaderIs(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' &&
         strncasecmp(line.data(), name.data(), name.size()) == 0;
}

TransportError ErrorFor(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return TransportError::kTls;
    default:
      return TransportError::kNetwork;
  }
}

// What a socket is ready for, as curl_multi_socket_action wants it. An
// error or hang-up alone maps to nothing, which makes curl look at the
// socket itself and find out what happened.
int ActionOf(uint32_t events) {
  int action = 0;
  if (events & EPOLLIN) action |= CURL_CSELECT_IN;
  if (events & EPOLLOUT) action |= CURL_CSELECT_OUT;
  return action;
}

}  // namespace

struct CurlTransport::Exchange {
  ExchangeId id = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string form_body;
  HttpResponse response;
  size_t max_body_bytes = 0;
  bool too_large = false;
  SteadyClock::time_point started;

  ~Exchange() { curl_slist_free_all(headers); }

  static size_t OnBody(char* data, size_t size, size_t count, void* self) {
    auto* exchange = static_cast<Exchange*>(self);
    size_t bytes = size * count;
    std::string& body = exchange->response.body;
    if (body.size() + bytes > exchange->max_body_bytes) {
      exchange->too_large = true;
      return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    body.append(data, bytes);
    return bytes;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* self) {
    auto* exchange = static_cast<Exchange*>(self);
    std::string_view line(data, size * count);
    HttpResponse& r = exchange->response;
    auto value = [&](std::string_view name) {
      return std::string(Trim(line.substr(name.size() + 1)));
    };
    if (HeaderIs(line, "TrackingID")) r.tracking_id = value("TrackingID");
    if (HeaderIs(line, "Retry-After")) r.retry_after = value("Retry-After");
    if (HeaderIs(line, "Link")) r.link = value("Link");
    return size * count;
  }
};

// curl tells which sockets to watch and when to call it back; epoll
// watches them, so a wake-up costs the sockets that are ready, not one
// check of every connection (curl_multi_perform's way: with a hundred
// connections, a hundred poll(2) calls per wake-up).
CurlTransport::CurlTransport(const TransportOptions& options)
    : options_(options),
      multi_(curl_multi_init()),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options_.max_connections);
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlTransport::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlTransport::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);

  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
}

CurlTransport::~CurlTransport() {
  CancelAll();
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
  curl_multi_cleanup(multi_);  // may still call OnSocket
  close(wake_fd_);
  close(epoll_fd_);
}

int CurlTransport::OnSocket(CURL*, curl_socket_t socket, int what, void* self,
                            void*) {
  int epoll_fd = static_cast<CurlTransport*>(self)->epoll_fd_;
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event{};
  uint32_t wanted = 0;
  if (what & CURL_POLL_IN) wanted |= EPOLLIN;
  if (what & CURL_POLL_OUT) wanted |= EPOLLOUT;
  event.events = wanted;
  event.data.fd = socket;
  if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, socket, &event) != 0 &&
      errno == ENOENT) {
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, socket, &event);
  }
  return 0;
}

int CurlTransport::OnTimer(CURLM*, long timeout_ms, void* self) {
  auto& transport = *static_cast<CurlTransport*>(self);
  transport.timer_.reset();
  if (timeout_ms >= 0) {
    transport.timer_ =
        SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
  }
  return 0;
}

// Reset first: curl may ask for its next timeout from within the call.
void CurlTransport::RunDueTimer() {
  if (!timer_ || *timer_ > SteadyClock::now()) return;
  timer_.reset();
  int running = 0;
  curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
}

// Whole milliseconds, rounded up, so that a wait ends after curl's timer
// is due rather than just before it (and spins).
int CurlTransport::WaitMillis(Duration max_wait) const {
  auto wait = std::chrono::duration_cast<std::chrono::microseconds>(max_wait);
  if (timer_) {
    wait = std::min(wait, std::chrono::ceil<std::chrono::microseconds>(
                              *timer_ - SteadyClock::now()));
  }
  int64_t millis = (std::max<int64_t>(0, wait.count()) + 999) / 1000;
  return static_cast<int>(std::min<int64_t>(millis, 60'000));
}

void CurlTransport::CancelAll() {
  for (auto& [easy, exchange] : running_) {
    curl_multi_remove_handle(multi_, easy);
    idle_.push_back(easy);
  }
  running_.clear();
}

CURL* CurlTransport::TakeEasyHandle() {
  if (idle_.empty()) return curl_easy_init();
  CURL* easy = idle_.back();
  idle_.pop_back();
  curl_easy_reset(easy);
  return easy;
}

void CurlTransport::Configure(Exchange& x, const HttpRequest& request) {
  CURL* easy = x.easy;
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Exchange::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Exchange::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &x);

  for (const std::string& header : request.headers) {
    x.headers = curl_slist_append(x.headers, header.c_str());
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, x.headers);
  if (!request.form_body.empty()) {
    x.form_body = request.form_body;
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, x.form_body.c_str());
  }
}

void CurlTransport::Start(ExchangeId id, const HttpRequest& request) {
  auto exchange = std::make_unique<Exchange>();
  exchange->id = id;
  exchange->easy = TakeEasyHandle();
  exchange->max_body_bytes = options_.max_body_bytes;
  exchange->started = SteadyClock::now();
  Configure(*exchange, request);

  curl_multi_add_handle(multi_, exchange->easy);
  running_.emplace(exchange->easy, std::move(exchange));
}

HttpResponse CurlTransport::Finish(Exchange& x, CURLcode code) {
  HttpResponse response = std::move(x.response);
  response.elapsed = SteadyClock::now() - x.started;
  curl_easy_getinfo(x.easy, CURLINFO_RESPONSE_CODE, &response.status);
  if (code == CURLE_OK) return response;

  response.error = x.too_large ? TransportError::kTooLarge : ErrorFor(code);
  response.error_detail =
      x.too_large ? "body larger than " +
                        std::to_string(options_.max_body_bytes) + " bytes"
                  : curl_easy_strerror(code);
  return response;
}

HttpTransport::Finished CurlTransport::CollectFinished() {
  Finished finished;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    auto it = running_.find(easy);
    curl_multi_remove_handle(multi_, easy);

    finished.emplace_back(it->second->id, Finish(*it->second, code));
    running_.erase(it);
    idle_.push_back(easy);
  }
  return finished;
}

HttpTransport::Finished CurlTransport::Wait(Duration max_wait) {
  RunDueTimer();
  Finished finished = CollectFinished();
  if (!finished.empty()) return finished;

  constexpr int kMaxEvents = 128;
  epoll_event events[kMaxEvents];
  int ready = epoll_wait(epoll_fd_, events, kMaxEvents, WaitMillis(max_wait));
  for (int i = 0; i < ready; ++i) {
    int fd = events[i].data.fd;
    if (fd == wake_fd_) {
      uint64_t count;
      [[maybe_unused]] ssize_t bytes = read(wake_fd_, &count, sizeof count);
      continue;
    }
    int running = 0;
    curl_multi_socket_action(multi_, fd, ActionOf(events[i].events), &running);
  }
  RunDueTimer();
  return CollectFinished();
}

// A new exchange sets curl's timer to now: running it starts the
// connection or sends the request on one kept alive.
void CurlTransport::Flush() { RunDueTimer(); }

void CurlTransport::Wakeup() {
  uint64_t one = 1;
  [[maybe_unused]] ssize_t bytes = write(wake_fd_, &one, sizeof one);
}

}  // namespace webex
