#pragma once

// --web.config.file: TLS and basic auth for the exporter's own endpoint,
// in the file format that Prometheus exporters share (exporter-toolkit).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/loader.h"

namespace webex {

// Whom the server asks for a client certificate, and what it does with
// one. The names are exporter-toolkit's (Go's tls.ClientAuthType).
enum class ClientAuth {
  kNoClientCert,                // not asked for
  kRequestClientCert,           // asked for, neither required nor checked
  kRequireAnyClientCert,        // required, not checked against the CA
  kVerifyClientCertIfGiven,     // optional, checked when sent
  kRequireAndVerifyClientCert,  // required and checked
};

enum class TlsVersion { kTls12, kTls13 };

// tls_server_config, with its files already read and checked. Paths are
// as written, resolved against the web config file's directory.
struct TlsServerConfig {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;  // empty: none
  ClientAuth client_auth = ClientAuth::kNoClientCert;
  TlsVersion min_version = TlsVersion::kTls12;

  std::string cert_pem;
  std::string key_pem;  // the private key: never log it
  std::string client_ca_pem;

  bool operator==(const TlsServerConfig&) const = default;
};

// The whole web config file. An empty file is valid: plain HTTP, no
// authentication. Plain data: copy freely.
struct WebConfigFile {
  std::optional<TlsServerConfig> tls;
  std::map<std::string, std::string> basic_auth_users;  // user: bcrypt hash

  bool operator==(const WebConfigFile&) const = default;
};

// Reads and checks the file at `path` and the certificate, key and CA
// files it names: unknown keys, duplicate keys, hashes that are not
// bcrypt, unreadable or mismatched certificate and key, a client auth
// type this server cannot do. Throws ConfigError naming the file, line,
// column and key. Pure apart from reading files: safe from any thread.
WebConfigFile LoadWebConfigFile(const std::string& path);

// The same, from text in memory; `path` names it in errors and gives the
// directory that relative paths start from.
WebConfigFile ParseWebConfigFile(const std::string& yaml,
                                 const std::string& path);

// The names of the files a loaded config depends on besides its own:
// what a watcher must look at to notice a rotated certificate.
std::vector<std::string> FilesNamedBy(const WebConfigFile& file);

}  // namespace webex
