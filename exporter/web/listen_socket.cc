#include "web/listen_socket.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace webex {
namespace {

// Errors that mean "this host has no IPv6", not "this address is bad".
bool NoSuchFamily(int error) {
  return error == EAFNOSUPPORT || error == EPROTONOSUPPORT ||
         error == EADDRNOTAVAIL;
}

// Returns the listening descriptor, or -1 with errno set.
int Listen(const SocketAddress& address) {
  int fd = socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                  IPPROTO_TCP);
  if (fd < 0) return -1;
  int on = 1;
  int off = 0;
  bool ok = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0;
  if (ok && address.family() == AF_INET6) {
    ok = setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) == 0;
  }
  ok = ok && bind(fd, address.get(), address.length) == 0 &&
       listen(fd, SOMAXCONN) == 0;
  if (ok) return fd;
  int error = errno;
  close(fd);
  errno = error;
  return -1;
}

int BoundPort(int fd) {
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
    return -1;
  }
  if (bound.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

}  // namespace

ListenSocket::ListenSocket(const std::string& listen_address) {
  for (const SocketAddress& address : ParseListenAddress(listen_address)) {
    fd_ = Listen(address);
    if (fd_ >= 0 || !NoSuchFamily(errno)) break;
  }
  if (fd_ >= 0) port_ = BoundPort(fd_);
  if (fd_ < 0 || port_ < 0) {
    std::error_code error(errno, std::system_category());
    if (fd_ >= 0) close(fd_);
    throw BindError("cannot listen on " + listen_address + ": " +
                    error.message());
  }
}

ListenSocket::~ListenSocket() { close(fd_); }

}  // namespace webex
