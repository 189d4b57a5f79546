#include "web/client_certificate.h"

#include <gnutls/x509.h>

namespace webex {
namespace {

bool Requires(ClientAuth policy) {
  return policy == ClientAuth::kRequireAnyClientCert ||
         policy == ClientAuth::kRequireAndVerifyClientCert;
}

bool Verifies(ClientAuth policy) {
  return policy == ClientAuth::kVerifyClientCertIfGiven ||
         policy == ClientAuth::kRequireAndVerifyClientCert;
}

std::string StatusText(unsigned status) {
  gnutls_datum_t text{};
  if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509,
                                                   &text, 0) < 0) {
    return "status " + std::to_string(status);
  }
  std::string said(reinterpret_cast<const char*>(text.data), text.size);
  gnutls_free(text.data);
  return said;
}

}  // namespace

std::string ClientCertificateRefusal(gnutls_session_t session,
                                     ClientAuth policy) {
  unsigned count = 0;
  bool sent = session != nullptr &&
              gnutls_certificate_get_peers(session, &count) != nullptr &&
              count > 0;
  if (!sent) return Requires(policy) ? "a client certificate is required" : "";
  if (!Verifies(policy)) return "";

  gnutls_typed_vdata_st purpose{};
  purpose.type = GNUTLS_DT_KEY_PURPOSE_OID;
  purpose.data = reinterpret_cast<unsigned char*>(
      const_cast<char*>(GNUTLS_KP_TLS_WWW_CLIENT));
  unsigned status = 0;
  int rc = gnutls_certificate_verify_peers(session, &purpose, 1, &status);
  if (rc < 0) {
    return std::string("the client certificate could not be checked: ") +
           gnutls_strerror(rc);
  }
  if (status != 0) {
    return "the client certificate is not trusted: " + StatusText(status);
  }
  return "";
}

}  // namespace webex
