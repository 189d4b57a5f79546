#include "web/listen_socket.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>

namespace webex {
namespace {

int Family(const ListenSocket& socket) {
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(socket.fd(), reinterpret_cast<sockaddr*>(&bound), &length);
  return bound.ss_family;
}

std::string BindErrorOf(const std::string& address) {
  try {
    ListenSocket socket(address);
  } catch (const BindError& e) {
    return e.what();
  }
  return "bound";
}

TEST(ListenSocketTest, BindsAnEphemeralLoopbackPort) {
  ListenSocket socket("127.0.0.1:0");
  EXPECT_GE(socket.fd(), 0);
  EXPECT_GT(socket.port(), 0);
  EXPECT_EQ(Family(socket), AF_INET);
}

TEST(ListenSocketTest, BindsIpv6Loopback) {
  ListenSocket socket("[::1]:0");
  EXPECT_GT(socket.port(), 0);
  EXPECT_EQ(Family(socket), AF_INET6);
}

TEST(ListenSocketTest, PortInUseNamesTheAddressAndTheReason) {
  ListenSocket first("127.0.0.1:0");
  std::string address = "127.0.0.1:" + std::to_string(first.port());
  EXPECT_EQ(BindErrorOf(address),
            "cannot listen on " + address + ": Address already in use");
}

TEST(ListenSocketTest, ABadFormIsReportedBeforeAnySocketIsMade) {
  EXPECT_EQ(BindErrorOf("383.0.0.1:0"),
            "invalid listen address \"383.0.0.1:0\": the host must be a "
            "numeric IPv4 address, [IPv6] or localhost");
}

}  // namespace
}  // namespace webex
