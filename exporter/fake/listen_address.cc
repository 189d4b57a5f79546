#include "exporter/fake/listen_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <system_error>

namespace webex::fake {

namespace {

std::optional<int> ParsePort(std::string_view text) {
  int port = -1;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, port);
  if (error != std::errc() || stop != end || port < 0 || port > 65535) {
    return std::nullopt;
  }
  return port;
}

bool IsIpLiteral(const std::string& host, bool ipv6) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(ipv6 ? AF_INET6 : AF_INET, host.c_str(), buffer) == 1;
}

void Knock(const sockaddr* address, socklen_t size) {
  int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  connect(fd, address, size);
  close(fd);
}

}  // namespace

std::string ListenAddress::HostPort(int actual_port) const {
  std::string port_text = std::to_string(actual_port);
  return ipv6 ? "[" + host + "]:" + port_text : host + ":" + port_text;
}

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;

  ListenAddress address;
  std::string_view host = text.substr(0, colon);
  address.ipv6 = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (address.ipv6) host = host.substr(1, host.size() - 2);
  address.host = std::string(host);

  std::optional<int> port = ParsePort(text.substr(colon + 1));
  if (!port || !IsIpLiteral(address.host, address.ipv6)) return std::nullopt;
  address.port = *port;
  return address;
}

void KnockOnListener(const ListenAddress& address, int port) {
  if (address.ipv6) {
    sockaddr_in6 target{};
    target.sin6_family = AF_INET6;
    target.sin6_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET6, address.host.c_str(), &target.sin6_addr);
    if (IN6_IS_ADDR_UNSPECIFIED(&target.sin6_addr)) {
      target.sin6_addr = in6addr_loopback;
    }
    Knock(reinterpret_cast<sockaddr*>(&target), sizeof target);
    return;
  }

  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, address.host.c_str(), &target.sin_addr);
  if (target.sin_addr.s_addr == htonl(INADDR_ANY)) {
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  }
  Knock(reinterpret_cast<sockaddr*>(&target), sizeof target);
}

}  // namespace webex::fake
