#include "web/listen_address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>
#include <string_view>

namespace webex {
namespace {

[[noreturn]] void Reject(const std::string& text, const std::string& why) {
  throw BindError("invalid listen address \"" + text + "\": " + why);
}

uint16_t ParsePort(const std::string& text, std::string_view port) {
  bool digits = !port.empty() && port.size() <= 5;
  for (char c : port) digits = digits && c >= '0' && c <= '9';
  if (!digits || std::stoi(std::string(port)) > 65535) {
    Reject(text, "the port must be a number from 0 to 65535");
  }
  return static_cast<uint16_t>(std::stoi(std::string(port)));
}

SocketAddress Ipv4(in_addr host, uint16_t port) {
  SocketAddress address;
  auto* in = reinterpret_cast<sockaddr_in*>(&address.storage);
  in->sin_family = AF_INET;
  in->sin_port = htons(port);
  in->sin_addr = host;
  address.length = sizeof(sockaddr_in);
  return address;
}

// Numeric only; getaddrinfo keeps a scope such as "fe80::1%eth0".
bool Ipv6(const std::string& host, uint16_t port, SocketAddress& out) {
  addrinfo hints{};
  hints.ai_family = AF_INET6;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), "0", &hints, &found) != 0) return false;
  std::memcpy(&out.storage, found->ai_addr, found->ai_addrlen);
  out.length = found->ai_addrlen;
  freeaddrinfo(found);
  reinterpret_cast<sockaddr_in6*>(&out.storage)->sin6_port = htons(port);
  return true;
}

SocketAddress AnyIpv6(uint16_t port) {
  SocketAddress address;
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&address.storage);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  in6->sin6_addr = in6addr_any;
  address.length = sizeof(sockaddr_in6);
  return address;
}

}  // namespace

std::vector<SocketAddress> ParseListenAddress(const std::string& text) {
  const char* kForms = "want host:port, [v6]:port or :port";
  if (text.starts_with('[')) {
    size_t close = text.find("]:");
    if (close == std::string::npos) Reject(text, kForms);
    uint16_t port = ParsePort(text, std::string_view(text).substr(close + 2));
    SocketAddress address;
    if (!Ipv6(text.substr(1, close - 1), port, address)) {
      Reject(text, "not a numeric IPv6 address in brackets");
    }
    return {address};
  }

  size_t colon = text.rfind(':');
  if (colon == std::string::npos) Reject(text, kForms);
  std::string host = text.substr(0, colon);
  if (host.find(':') != std::string::npos) {
    Reject(text, "write IPv6 hosts in brackets, e.g. [::1]:9877");
  }
  uint16_t port = ParsePort(text, std::string_view(text).substr(colon + 1));
  if (host.empty()) return {AnyIpv6(port), Ipv4({htonl(INADDR_ANY)}, port)};
  if (host == "localhost") return {Ipv4({htonl(INADDR_LOOPBACK)}, port)};

  // inet_pton, unlike inet_aton, takes exactly four decimal octets.
  in_addr ipv4{};
  if (inet_pton(AF_INET, host.c_str(), &ipv4) != 1) {
    Reject(text,
           "the host must be a numeric IPv4 address, [IPv6] or localhost");
  }
  return {Ipv4(ipv4, port)};
}

}  // namespace webex
