#pragma once

// Checks of the PEM files that tls_server_config names, so that a bad file
// is refused at load with its reason; libmicrohttpd would only say that it
// did not start. Each function returns "" when the text is usable, or the
// reason in GnuTLS's words. Pure functions: safe from any thread.

#include <string>

namespace webex {

// Whether this libmicrohttpd was built with TLS (Debian's is, on GnuTLS).
bool TlsAvailable();

// `pem` holds one or more PEM certificates (a chain, or a CA bundle).
std::string CertificatesProblem(const std::string& pem);

// `pem` holds one PEM private key that needs no password.
std::string PrivateKeyProblem(const std::string& pem);

// The key is the one the first certificate of `cert_pem` was issued for.
std::string KeyPairProblem(const std::string& cert_pem,
                           const std::string& key_pem);

}  // namespace webex
