#include "webex/curl_transport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace webex {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A socket listening on 127.0.0.1 that never accepts: the kernel takes
// connections and requests, and nothing ever answers.
class SilentServer {
 public:
  SilentServer() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    auto* any = reinterpret_cast<sockaddr*>(&address);
    ok_ = bind(fd_, any, size) == 0 && listen(fd_, 16) == 0 &&
          getsockname(fd_, any, &size) == 0;
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { close(fd_); }

  bool ok() const { return ok_; }
  std::string Url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/v1/x";
  }

 private:
  int fd_;
  int port_ = 0;
  bool ok_ = false;
};

class CurlTransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

// Waits for one finished exchange, for at most `limit`.
HttpTransport::Finished WaitForOne(CurlTransport& transport,
                                   milliseconds limit) {
  auto deadline = steady_clock::now() + limit;
  HttpTransport::Finished finished;
  while (finished.empty() && steady_clock::now() < deadline) {
    finished = transport.Wait(milliseconds(200));
  }
  return finished;
}

TEST_F(CurlTransportTest, AServerThatNeverAnswersCostsTheTimeout) {
  SilentServer server;
  ASSERT_TRUE(server.ok());
  TransportOptions options;
  options.timeout = milliseconds(300);
  CurlTransport transport(options);

  auto start = steady_clock::now();
  transport.Start(7, {server.Url(), {}, ""});
  HttpTransport::Finished finished = WaitForOne(transport, milliseconds(5000));
  auto took = steady_clock::now() - start;

  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].first, 7u);
  EXPECT_EQ(finished[0].second.error, TransportError::kTimeout);
  EXPECT_GE(took, milliseconds(290));
  EXPECT_LT(took, milliseconds(1500));
}

TEST_F(CurlTransportTest, ARefusedConnectionFailsAtOnce) {
  std::string url;
  {
    SilentServer closed;  // its port, free again once it is closed
    ASSERT_TRUE(closed.ok());
    url = closed.Url();
  }
  CurlTransport transport(TransportOptions{});
  transport.Start(1, {url, {}, ""});
  HttpTransport::Finished finished = WaitForOne(transport, milliseconds(5000));
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].second.error, TransportError::kNetwork);
}

TEST_F(CurlTransportTest, WakeupEndsAWaitEarly) {
  SilentServer server;
  ASSERT_TRUE(server.ok());
  CurlTransport transport(TransportOptions{});
  transport.Start(1, {server.Url(), {}, ""});  // something to wait for

  std::thread waker([&] {
    std::this_thread::sleep_for(milliseconds(100));
    transport.Wakeup();
  });
  auto start = steady_clock::now();
  HttpTransport::Finished finished = transport.Wait(milliseconds(5000));
  auto took = steady_clock::now() - start;
  waker.join();

  EXPECT_TRUE(finished.empty());
  EXPECT_LT(took, milliseconds(2000));
}

}  // namespace
}  // namespace webex
