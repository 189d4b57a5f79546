#pragma once

#include <gnutls/gnutls.h>

#include <string>

#include "config/web_config_file.h"

namespace webex {

// Why the client of a TLS `session` may not be served under `policy`, or
// "" when it may. Looks at the certificate the client sent in the
// handshake and, for the Verify policies, checks it (chain, dates, client
// purpose) against the CA the daemon was started with, client_ca_file.
// libmicrohttpd asks for no more than that, so the refusal is made here,
// after the handshake. Safe from any server thread, one session each.
std::string ClientCertificateRefusal(gnutls_session_t session,
                                     ClientAuth policy);

}  // namespace webex
