// Watches the socket behind a civetweb connection for the client leaving.
#ifndef EXPORTER_FAKE_CONNECTION_SOCKET_H_
#define EXPORTER_FAKE_CONNECTION_SOCKET_H_

#include <optional>

#include "exporter/fake/stop_signal.h"

struct mg_request_info;

namespace webex::fake {

// Returns the descriptor of the socket that carries `request`, or nullopt.
//
// civetweb exposes no socket handle, yet a request the fake hangs on purpose
// should end when its client gives up, or every client timeout would cost a
// worker thread until shutdown. So this looks through the process's open
// sockets (Linux /proc/self/fd) for the one whose local port and peer
// address match the request's. The descriptor stays civetweb's: the caller
// must not read, write or close it, only watch it, and only while the
// handler of that request is running.
std::optional<int> FindConnectionSocket(const mg_request_info& request);

// Returns once the peer has closed or reset `socket`, or `stop` has fired,
// checking every 50 ms. Consumes no data.
void WaitForPeerClose(int socket, const StopSignal& stop);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_CONNECTION_SOCKET_H_
