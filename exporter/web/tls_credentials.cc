#include "web/tls_credentials.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <microhttpd.h>

namespace webex {
namespace {

// GnuTLS takes mutable data but only reads it here.
gnutls_datum_t DatumOf(const std::string& text) {
  return {reinterpret_cast<unsigned char*>(const_cast<char*>(text.data())),
          static_cast<unsigned>(text.size())};
}

}  // namespace

bool TlsAvailable() { return MHD_is_feature_supported(MHD_FEATURE_TLS); }

std::string CertificatesProblem(const std::string& pem) {
  gnutls_datum_t data = DatumOf(pem);
  gnutls_x509_crt_t* certs = nullptr;
  unsigned count = 0;
  int rc = gnutls_x509_crt_list_import2(&certs, &count, &data,
                                        GNUTLS_X509_FMT_PEM, 0);
  for (unsigned i = 0; rc >= 0 && i < count; ++i) {
    gnutls_x509_crt_deinit(certs[i]);
  }
  gnutls_free(certs);
  if (rc < 0) {
    return std::string("holds no readable PEM certificate: ") +
           gnutls_strerror(rc);
  }
  if (count == 0) return "holds no PEM certificate";
  return "";
}

std::string PrivateKeyProblem(const std::string& pem) {
  gnutls_x509_privkey_t key = nullptr;
  gnutls_x509_privkey_init(&key);
  gnutls_datum_t data = DatumOf(pem);
  int rc =
      gnutls_x509_privkey_import2(key, &data, GNUTLS_X509_FMT_PEM, nullptr, 0);
  gnutls_x509_privkey_deinit(key);
  if (rc < 0) {
    return std::string("holds no PEM private key that needs no password: ") +
           gnutls_strerror(rc);
  }
  return "";
}

std::string KeyPairProblem(const std::string& cert_pem,
                           const std::string& key_pem) {
  gnutls_certificate_credentials_t credentials = nullptr;
  gnutls_certificate_allocate_credentials(&credentials);
  gnutls_datum_t cert = DatumOf(cert_pem);
  gnutls_datum_t key = DatumOf(key_pem);
  int rc = gnutls_certificate_set_x509_key_mem2(
      credentials, &cert, &key, GNUTLS_X509_FMT_PEM, nullptr, 0);
  gnutls_certificate_free_credentials(credentials);
  if (rc < 0) {
    return std::string("does not go with cert_file: ") + gnutls_strerror(rc);
  }
  return "";
}

}  // namespace webex
