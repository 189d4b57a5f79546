#include "exporter/fake/connection_socket.h"

#include <arpa/inet.h>
#include <civetweb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>

namespace webex::fake {

namespace {

struct Endpoint {
  std::string address;
  int port = -1;
};

Endpoint ToEndpoint(const sockaddr_storage& storage) {
  char text[INET6_ADDRSTRLEN] = "";
  Endpoint endpoint;
  if (storage.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(storage);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    endpoint.port = ntohs(v4.sin_port);
  } else if (storage.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(storage);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    endpoint.port = ntohs(v6.sin6_port);
  }
  endpoint.address = text;
  return endpoint;
}

bool IsSocket(int fd) {
  struct stat status;
  return fstat(fd, &status) == 0 && S_ISSOCK(status.st_mode);
}

bool Carries(int fd, const mg_request_info& request) {
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_size = sizeof local;
  socklen_t peer_size = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
      getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
    return false;
  }

  Endpoint local_end = ToEndpoint(local);
  Endpoint peer_end = ToEndpoint(peer);
  return local_end.port == request.server_port &&
         peer_end.port == request.remote_port &&
         peer_end.address == request.remote_addr;
}

std::optional<int> DescriptorNumber(const std::filesystem::path& entry) {
  std::string name = entry.filename().string();
  int fd = -1;
  auto [end, error] =
      std::from_chars(name.data(), name.data() + name.size(), fd);
  if (error != std::errc() || end != name.data() + name.size()) {
    return std::nullopt;
  }
  return fd;
}

}  // namespace

std::optional<int> FindConnectionSocket(const mg_request_info& request) {
  std::error_code error;
  std::filesystem::directory_iterator entries("/proc/self/fd", error);
  if (error) return std::nullopt;

  for (const auto& entry : entries) {
    std::optional<int> fd = DescriptorNumber(entry.path());
    if (fd && IsSocket(*fd) && Carries(*fd, request)) return fd;
  }
  return std::nullopt;
}

void WaitForPeerClose(int socket, const StopSignal& stop) {
  // POLLIN is not asked for: a client that pipelines its next request must
  // not wake this loop, only one that goes away.
  pollfd watched{socket, POLLRDHUP, 0};
  while (!stop.stopped()) {
    watched.revents = 0;
    int ready = poll(&watched, 1, 50);
    if (ready < 0 && errno != EINTR) return;
    if (ready > 0 &&
        (watched.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))) {
      return;
    }
  }
}

}  // namespace webex::fake
