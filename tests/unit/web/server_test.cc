#include "web/server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fake/http_client.h"
#include "web/gzip.h"

namespace webex {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

using Reply = fake::testing::HttpResult;  // header names lower-cased

struct Request {
  std::string method = "GET";
  std::string body;
  long timeout_ms = 5000;
  const char* accept_encoding = nullptr;  // curl decodes what it asks for
};

Reply Fetch(const std::string& url, const Request& request = {}) {
  fake::testing::HttpRequest sent;
  sent.method = request.method;
  sent.url = url;
  sent.body = request.body;
  sent.timeout = std::chrono::milliseconds(request.timeout_ms);
  if (request.accept_encoding) sent.accept_encoding = request.accept_encoding;
  return fake::testing::Send(sent);
}

Reply Fetch(const std::string& url, const std::string& method) {
  Request request;
  request.method = method;
  return Fetch(url, request);
}

// TCP connections to 127.0.0.1:port that send nothing; closed on
// destruction.
bool BindTo(int fd, const char* address) {
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, address, &local.sin_addr);
  return bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0;
}

class IdleConnections {
 public:
  // From `source` (another loopback address, e.g. 127.0.0.2), if given.
  IdleConnections(int port, int count, const char* source = nullptr) {
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port));
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < count; ++i) {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      if (fd < 0) break;
      fds_.push_back(fd);
      if (source && !BindTo(fd, source)) break;
      if (connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server)) {
        break;
      }
      ++connected_;
    }
  }
  ~IdleConnections() {
    for (int fd : fds_) close(fd);
  }
  int connected() const { return connected_; }

  // The first connection, for a request of one's own.
  int first() const { return fds_.empty() ? -1 : fds_[0]; }

 private:
  std::vector<int> fds_;
  int connected_ = 0;
};

std::string ConstructionError(const std::string& address) {
  try {
    WebServer server(address, WebRoutes{});
  } catch (const BindError& e) {
    return e.what();
  }
  return "started";
}

class WebServerTest : public ::testing::Test {
 protected:
  WebRoutes Routes() {
    return {[this] { return metrics_(); },
            [this] { return ready_.load(); },
            [] { return std::string("<html>landing</html>"); },
            [this] {
              ++reloads_;
              return reload_error_;
            },
            {},  // the server gzips
            stream_};
  }
  std::string Base(const WebServer& server) {
    return "http://127.0.0.1:" + std::to_string(server.port());
  }

  std::function<std::string()> metrics_ = [] {
    return std::string("metric_a 1\n");
  };
  std::function<std::unique_ptr<TextChunks>()> stream_;  // unset: metrics_
  std::atomic<bool> ready_{false};
  std::atomic<int> reloads_{0};
  std::string reload_error_;
};

TEST_F(WebServerTest, ServesEveryEndpointOnAnEphemeralPort) {
  WebServer server("127.0.0.1:0", Routes());
  ASSERT_GT(server.port(), 0);
  std::string base = Base(server);

  Reply metrics = Fetch(base + "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body, "metric_a 1\n");
  EXPECT_EQ(metrics.headers["content-type"],
            "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(metrics.headers["cache-control"], "no-store");

  Reply healthz = Fetch(base + "/healthz");
  EXPECT_EQ(healthz.status, 200);
  EXPECT_EQ(healthz.body, "ok\n");
  EXPECT_EQ(healthz.headers["content-type"], "text/plain");

  Reply waiting = Fetch(base + "/ready");
  EXPECT_EQ(waiting.status, 503);
  EXPECT_EQ(waiting.body, "waiting for the first poll cycle\n");
  ready_ = true;
  EXPECT_EQ(Fetch(base + "/ready").status, 200);

  Reply landing = Fetch(base + "/");
  EXPECT_EQ(landing.body, "<html>landing</html>");
  EXPECT_EQ(landing.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(landing.headers["cache-control"], "no-store");

  EXPECT_EQ(Fetch(base + "/nothing-here").status, 404);
  EXPECT_EQ(Fetch(base + "/metrics/more").status, 404);
  EXPECT_EQ(Fetch(base + "/metrics?x=1").body, "metric_a 1\n");
}

TEST_F(WebServerTest, HeadGetsTheHeadersOnly) {
  WebServer server("127.0.0.1:0", Routes());
  Reply head = Fetch(Base(server) + "/metrics", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.headers["content-length"], "11");
  EXPECT_EQ(head.headers["content-type"],
            "text/plain; version=0.0.4; charset=utf-8");
}

TEST_F(WebServerTest, MetricsTakesOnlyGetAndHead) {
  WebServer server("127.0.0.1:0", Routes());
  Reply post = Fetch(Base(server) + "/metrics", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["allow"], "GET, HEAD");
}

TEST_F(WebServerTest, ReloadTakesPostOrPutAndReportsTheError) {
  WebServer server("127.0.0.1:0", Routes());
  std::string url = Base(server) + "/-/reload";
  Reply get = Fetch(url);
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.headers["allow"], "POST, PUT");
  EXPECT_EQ(reloads_, 0);

  Reply good = Fetch(url, "POST");
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(good.body, "reloaded\n");
  EXPECT_EQ(Fetch(url, "PUT").status, 200);

  reload_error_ = "x.yaml:1:1: web: unknown key";
  Reply bad = Fetch(url, "POST");
  EXPECT_EQ(bad.status, 500);
  EXPECT_EQ(bad.body, "reload rejected: x.yaml:1:1: web: unknown key\n");
}

// MHD calls the handler once for the headers and again per piece of body.
TEST_F(WebServerTest, ReloadIgnoresTheBodyAndRunsOnce) {
  WebServer server("127.0.0.1:0", Routes());
  Request post;
  post.method = "POST";
  post.body = std::string(256 * 1024, 'x');
  Reply reply = Fetch(Base(server) + "/-/reload", post);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "reloaded\n");
  EXPECT_EQ(reloads_, 1);
}

TEST_F(WebServerTest, ARouteThatThrowsGets500AndTheServerStaysUp) {
  metrics_ = []() -> std::string { throw std::runtime_error("boom"); };
  WebServer server("127.0.0.1:0", Routes());
  Reply broken = Fetch(Base(server) + "/metrics");
  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(broken.body, "internal error: boom\n");
  EXPECT_EQ(Fetch(Base(server) + "/healthz").status, 200);
}

TEST_F(WebServerTest, ServesALargeExpositionIntact) {
  std::string big(32 * 1024 * 1024, 'm');
  big.back() = '\n';
  metrics_ = [&big] { return big; };
  WebServer server("127.0.0.1:0", Routes());
  Request get;
  get.timeout_ms = 20000;
  Reply reply = Fetch(Base(server) + "/metrics", get);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.size(), big.size());
  EXPECT_TRUE(reply.body == big);
}

// `count` pieces of `size` bytes, the i-th all of letter 'a' + i % 26;
// throws instead of the piece numbered `fail_at`.
class Pieces : public TextChunks {
 public:
  Pieces(int count, size_t size, int fail_at = -1)
      : count_(count), size_(size), fail_at_(fail_at) {}

  static std::string Expected(int count, size_t size) {
    std::string text;
    for (int i = 0; i < count; ++i) text.append(size, 'a' + i % 26);
    return text;
  }

  bool Next(std::string& out, size_t) override {
    if (made_ == fail_at_) throw std::bad_alloc();
    if (made_ == count_) return false;
    out.append(size_, 'a' + made_++ % 26);
    return true;
  }

 private:
  const int count_;
  const size_t size_;
  const int fail_at_;
  int made_ = 0;
};

TEST_F(WebServerTest, StreamsMetricsPieceByPiece) {
  stream_ = [] { return std::make_unique<Pieces>(300, 100 * 1024); };
  WebServer server("127.0.0.1:0", Routes());
  Request get;
  get.timeout_ms = 20000;
  Reply reply = Fetch(Base(server) + "/metrics", get);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(reply.headers.count("content-length"), 0u);
  EXPECT_TRUE(reply.body == Pieces::Expected(300, 100 * 1024));

  get.accept_encoding = "gzip";  // compressed answers are made whole
  Reply packed = Fetch(Base(server) + "/metrics", get);
  EXPECT_EQ(packed.headers["content-encoding"], "gzip");
  EXPECT_EQ(packed.body, "metric_a 1\n");
}

// Everything a connection sends back until it closes (5 s at most).
std::string ExchangeOver(int fd, const std::string& requests) {
  timeval limit{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  if (send(fd, requests.data(), requests.size(), 0) < 0) return "";
  std::string answer;
  char buffer[4096];
  ssize_t got;
  while ((got = recv(fd, buffer, sizeof buffer, 0)) > 0) {
    answer.append(buffer, static_cast<size_t>(got));
  }
  return answer;
}

// A HEAD answer carries no body, not even a chunked answer's last chunk,
// so that the next answer on the connection comes right after it.
TEST_F(WebServerTest, AHeadOfAStreamedAnswerSendsNoBody) {
  stream_ = [] { return std::make_unique<Pieces>(3, 10); };
  metrics_ = [] { return Pieces::Expected(3, 10); };
  WebServer server("127.0.0.1:0", Routes());
  IdleConnections connection(server.port(), 1);
  ASSERT_EQ(connection.connected(), 1);

  std::string answer = ExchangeOver(
      connection.first(),
      "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  size_t headers_end = answer.find("\r\n\r\n");
  ASSERT_NE(headers_end, std::string::npos) << answer;
  EXPECT_NE(answer.substr(0, headers_end).find("Content-Length: 30"),
            std::string::npos)
      << answer;
  EXPECT_EQ(answer.substr(headers_end + 4, 15), "HTTP/1.1 200 OK") << answer;
}

// A piece that cannot be made (out of memory) cuts the answer short, so
// that the scraper sees a failed scrape rather than a partial one, and
// the server stays up.
TEST_F(WebServerTest, AStreamThatFailsMidwayIsCutShort) {
  stream_ = [] { return std::make_unique<Pieces>(100, 64 * 1024, 5); };
  WebServer server("127.0.0.1:0", Routes());
  Reply reply = Fetch(Base(server) + "/metrics");
  EXPECT_NE(reply.curl_code, CURLE_OK);
  EXPECT_EQ(Fetch(Base(server) + "/healthz").status, 200);
}

// Regression: civetweb's four workers each sat on an idle connection for
// its 10 s request timeout, so a scrape behind them timed out.
TEST_F(WebServerTest, IdleConnectionsDoNotDelayAScrape) {
  WebServer server("127.0.0.1:0", Routes());
  // 50 sockets that send nothing, from two other clients (one address
  // may hold 32).
  IdleConnections idle(server.port(), 30, "127.0.0.2");
  IdleConnections more_idle(server.port(), 20, "127.0.0.3");
  ASSERT_EQ(idle.connected() + more_idle.connected(), 50);

  Request get;
  get.timeout_ms = 1000;
  auto start = steady_clock::now();
  Reply reply = Fetch(Base(server) + "/metrics", get);
  auto took = steady_clock::now() - start;
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "metric_a 1\n");
  EXPECT_LT(took, milliseconds(1000));
}

// Regression: civetweb's listener noticed a stop only after up to 2 s.
TEST_F(WebServerTest, StopsWithinASecondWithIdleConnectionsOpen) {
  auto server = std::make_unique<WebServer>("127.0.0.1:0", Routes());
  ASSERT_EQ(Fetch(Base(*server) + "/healthz").status, 200);
  IdleConnections idle(server->port(), 2);
  ASSERT_EQ(idle.connected(), 2);

  auto start = steady_clock::now();
  server.reset();
  EXPECT_LT(steady_clock::now() - start, milliseconds(1000));
}

// Regression: with epoll worker threads, libmicrohttpd 0.9.75 aborted the
// process ("Failed to remove listen FD from epoll set") when the server
// stopped while connections were arriving: quiescing raced the workers.
// With epoll, this loop aborted within a few hundred stops.
TEST_F(WebServerTest, StopsWhileConnectionsArriveWithoutAborting) {
  for (int i = 0; i < 1500; ++i) {
    auto server = std::make_unique<WebServer>("127.0.0.1:0", Routes());
    std::thread connector(
        [port = server->port()] { IdleConnections arriving(port, 50); });
    std::this_thread::sleep_for(std::chrono::microseconds(i % 10 * 50));

    server.reset();
    connector.join();
  }
}

// GET /healthz over `fd`; the status line, or "" when the server closed
// the connection without answering.
std::string StatusLineOver(int fd) {
  const char request[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  if (send(fd, request, sizeof request - 1, MSG_NOSIGNAL) < 0) return "";
  timeval wait{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  char buffer[256];
  ssize_t got = recv(fd, buffer, sizeof buffer, 0);
  std::string reply(buffer, got > 0 ? static_cast<size_t>(got) : 0);
  return reply.substr(0, reply.find("\r\n"));
}

// Regression (found by a breaker): one host holding ~1,100 idle sockets
// filled libmicrohttpd's connection table, and every other scraper's
// request waited 9 s for the idle timeout. Now one address gets 32.
TEST_F(WebServerTest, OneAddressCannotTakeEveryConnection) {
  WebServer server("127.0.0.1:0", Routes());
  IdleConnections hog(server.port(), 32);
  ASSERT_EQ(hog.connected(), 32);
  std::this_thread::sleep_for(milliseconds(300));  // all accepted

  IdleConnections one_more(server.port(), 1);
  IdleConnections elsewhere(server.port(), 1, "127.0.0.2");
  ASSERT_EQ(elsewhere.connected(), 1);

  EXPECT_EQ(StatusLineOver(one_more.first()), "");
  EXPECT_EQ(StatusLineOver(elsewhere.first()), "HTTP/1.1 200 OK");
}

// Regression: Debian's civetweb had no IPv6, so [::1] could not be served.
TEST_F(WebServerTest, ServesIpv6Loopback) {
  WebServer server("[::1]:0", Routes());
  ASSERT_GT(server.port(), 0);
  Reply r = Fetch("http://[::1]:" + std::to_string(server.port()) + "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "metric_a 1\n");
}

TEST_F(WebServerTest, PortInUseIsABindErrorNamingTheAddress) {
  WebServer first("127.0.0.1:0", Routes());
  std::string address = "127.0.0.1:" + std::to_string(first.port());
  EXPECT_EQ(ConstructionError(address),
            "cannot listen on " + address + ": Address already in use");
}

// Regression: civetweb wrapped "383.0.0.1" to 127.0.0.1 and listened there.
TEST(WebServerAddressTest, RejectsMalformedAddressesWithTheReason) {
  const std::string host =
      "the host must be a numeric IPv4 address, [IPv6] or localhost";
  struct Case {
    const char* address;
    std::string why;
  };
  const Case cases[] = {
      {"383.0.0.1:0", host},
      {"1.2.3:0", host},
      {"host:99999", "the port must be a number from 0 to 65535"},
      {"::1:9877", "write IPv6 hosts in brackets, e.g. [::1]:9877"},
      {"", "want host:port, [v6]:port or :port"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(
        ConstructionError(c.address),
        "invalid listen address \"" + std::string(c.address) + "\": " + c.why);
  }
}

TEST_F(WebServerTest, MetricsAreGzippedWhenAskedAndPlainOtherwise) {
  WebServer server("127.0.0.1:0", Routes());
  std::string url =
      "http://127.0.0.1:" + std::to_string(server.port()) + "/metrics";

  Request gzip;
  gzip.accept_encoding = "gzip";
  Reply packed = Fetch(url, gzip);
  EXPECT_EQ(packed.status, 200);
  EXPECT_EQ(packed.headers["content-encoding"], "gzip");
  EXPECT_EQ(packed.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(packed.body, "metric_a 1\n");  // as curl decoded it

  Reply plain = Fetch(url);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.body, "metric_a 1\n");
}

TEST_F(WebServerTest, GzipScrapeUsesTheGzipRouteWhenSet) {
  WebRoutes routes = Routes();
  std::atomic<int> gzip_calls{0};
  routes.metrics_gzip = [&] {
    ++gzip_calls;
    return Gzip("from_the_gzip_route 1\n");
  };
  WebServer server("127.0.0.1:0", routes);
  std::string url = Base(server) + "/metrics";

  Request gzip;
  gzip.accept_encoding = "gzip";
  Reply packed = Fetch(url, gzip);
  EXPECT_EQ(packed.headers["content-encoding"], "gzip");
  EXPECT_EQ(packed.body, "from_the_gzip_route 1\n");  // as curl decoded it
  EXPECT_EQ(gzip_calls, 1);

  Reply plain = Fetch(url);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.body, "metric_a 1\n");
  EXPECT_EQ(gzip_calls, 1);
}

TEST_F(WebServerTest, GzipRouteThatFailsFallsBackToPlainText) {
  WebRoutes routes = Routes();
  routes.metrics_gzip = [] { return std::optional<std::string>(); };
  WebServer server("127.0.0.1:0", routes);

  Request gzip;
  gzip.accept_encoding = "gzip";
  Reply reply = Fetch(Base(server) + "/metrics", gzip);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.count("content-encoding"), 0u);
  EXPECT_EQ(reply.body, "metric_a 1\n");
}

}  // namespace
}  // namespace webex
