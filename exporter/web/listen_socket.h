#pragma once

#include <string>

#include "web/listen_address.h"

namespace webex {

// A bound, listening, non-blocking TCP socket for --web.listen-address.
// Owns the descriptor and closes it on destruction. Not thread-safe; the
// accessors are const and may be read from any thread.
class ListenSocket {
 public:
  // Binds the first address of ParseListenAddress(listen_address) that this
  // host supports (IPv6 ones dual-stack), with SO_REUSEADDR, and listens.
  // Throws BindError: "invalid listen address ..." for a bad form, or
  // "cannot listen on ADDRESS: " and the system's reason, e.g. "Address
  // already in use".
  explicit ListenSocket(const std::string& listen_address);
  ~ListenSocket();

  ListenSocket(const ListenSocket&) = delete;
  ListenSocket& operator=(const ListenSocket&) = delete;

  int fd() const { return fd_; }

  // The port actually bound (useful with port 0).
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace webex
