#include "web/listen_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace webex {
namespace {

// "host:port" back from the kernel form, e.g. "[::1]:9877".
std::string Show(const SocketAddress& address) {
  char host[INET6_ADDRSTRLEN] = "";
  if (address.family() == AF_INET6) {
    auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address.storage);
    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    return "[" + std::string(host) +
           "]:" + std::to_string(ntohs(in6->sin6_port));
  }
  auto* in = reinterpret_cast<const sockaddr_in*>(&address.storage);
  inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
  return std::string(host) + ":" + std::to_string(ntohs(in->sin_port));
}

std::string ParseError(const std::string& text) {
  try {
    ParseListenAddress(text);
  } catch (const BindError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(ListenAddressTest, TakesNumericHostsLocalhostAndAllInterfaces) {
  struct Case {
    const char* text;
    std::vector<std::string> addresses;
  };
  const Case cases[] = {
      {"127.0.0.1:9877", {"127.0.0.1:9877"}},
      {"0.0.0.0:0", {"0.0.0.0:0"}},
      {"10.1.2.3:65535", {"10.1.2.3:65535"}},
      {"localhost:9877", {"127.0.0.1:9877"}},
      {"[::1]:9877", {"[::1]:9877"}},
      {"[::]:80", {"[::]:80"}},
      {"[2001:db8::5]:1", {"[2001:db8::5]:1"}},
      {":9877", {"[::]:9877", "0.0.0.0:9877"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> shown;
    for (const SocketAddress& a : ParseListenAddress(c.text)) {
      shown.push_back(Show(a));
    }
    EXPECT_EQ(shown, c.addresses) << c.text;
  }
}

// Regression: civetweb wrapped 383 to 127 and listened on 127.0.0.1.
TEST(ListenAddressTest, RejectsOctetsOutOfRangeAndShortForms) {
  const std::string host =
      "the host must be a numeric IPv4 address, [IPv6] or localhost";
  EXPECT_EQ(ParseError("383.0.0.1:0"),
            "invalid listen address \"383.0.0.1:0\": " + host);
  EXPECT_EQ(ParseError("1.2.3:0"),
            "invalid listen address \"1.2.3:0\": " + host);
  EXPECT_EQ(ParseError("127.1:0"),
            "invalid listen address \"127.1:0\": " + host);
  EXPECT_EQ(ParseError("example.com:9877"),
            "invalid listen address \"example.com:9877\": " + host);
}

TEST(ListenAddressTest, RejectsBadPortsAndUnbracketedIpv6) {
  const std::string port = "the port must be a number from 0 to 65535";
  const std::string forms = "want host:port, [v6]:port or :port";
  struct Case {
    const char* text;
    std::string why;
  };
  const Case cases[] = {
      {"", forms},
      {"9877", forms},
      {"host", forms},
      {"[::1]", forms},
      {"host:99999", port},
      {"host:", port},
      {"host:12ab", port},
      {"127.0.0.1:-1", port},
      {"127.0.0.1:+80", port},
      {"127.0.0.1:000080", port},
      {"[::1]:", port},
      {"::1:9877", "write IPv6 hosts in brackets, e.g. [::1]:9877"},
      {"[1::2::3]:1", "not a numeric IPv6 address in brackets"},
      {"[]:9877", "not a numeric IPv6 address in brackets"},
      {"[localhost]:9877", "not a numeric IPv6 address in brackets"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseError(c.text), "invalid listen address \"" +
                                      std::string(c.text) + "\": " + c.why);
  }
}

}  // namespace
}  // namespace webex
