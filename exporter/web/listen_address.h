#pragma once

#include <sys/socket.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace webex {

// The listen address could not be used (bad form, in use, no permission).
class BindError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One address a listening socket may bind, in the kernel's form.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;

  int family() const { return storage.ss_family; }
  const sockaddr* get() const {
    return reinterpret_cast<const sockaddr*>(&storage);
  }
};

// Parses --web.listen-address: "a.b.c.d:port", "[v6]:port",
// "localhost:port" (127.0.0.1; DNS is never asked) or ":port" (every
// interface), with a port from 0 to 65535. Returns the addresses to try in
// order: one, or for ":port" "::" first and then 0.0.0.0 for a host without
// IPv6. Throws BindError("invalid listen address \"TEXT\": why") for any
// other form. Pure; callable from any thread.
std::vector<SocketAddress> ParseListenAddress(const std::string& text);

}  // namespace webex
