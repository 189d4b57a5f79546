// Where the fake Webex API listens, and how to nudge it from the outside.
#ifndef EXPORTER_FAKE_LISTEN_ADDRESS_H_
#define EXPORTER_FAKE_LISTEN_ADDRESS_H_

#include <optional>
#include <string>
#include <string_view>

namespace webex::fake {

// An IP literal and a port; port 0 lets the system pick one.
struct ListenAddress {
  std::string host;
  int port = 0;
  bool ipv6 = false;

  // "127.0.0.1:8080" or "[::1]:8080", as civetweb's listening_ports and
  // URLs spell it.
  std::string HostPort(int actual_port) const;
};

// Accepts "IPV4:PORT" and "[IPV6]:PORT"; nullopt for anything else.
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

// Opens and at once closes a TCP connection to the listener, so that a
// server thread blocked waiting for connections wakes up and notices it
// should stop. A wildcard host is reached through loopback. Errors are
// ignored: the listener may already be gone.
void KnockOnListener(const ListenAddress& address, int port);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_LISTEN_ADDRESS_H_
