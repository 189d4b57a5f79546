#include "config/web_config_file.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string_view>
#include <utility>

#include "config/yaml_reader.h"
#include "web/basic_auth.h"
#include "web/tls_credentials.h"

namespace webex {
namespace {

using namespace config_reader;

// Keys of the shared format that this server cannot honour, with the
// reason, so that a file written for another exporter fails saying why.
struct Unsupported {
  std::string_view key;
  std::string_view why;
};

constexpr Unsupported kUnsupportedTop[] = {
    {"http_server_config",
     "is not supported: libmicrohttpd serves HTTP/1.1 only and sets no "
     "extra headers"},
};

constexpr Unsupported kUnsupportedTls[] = {
    {"cert", "inline certificates are not supported; use cert_file"},
    {"key", "inline keys are not supported; use key_file"},
    {"max_version", "is not supported: the server offers up to TLS 1.3"},
    {"cipher_suites", "is not supported: GnuTLS's defaults apply"},
    {"curve_preferences", "is not supported: GnuTLS's defaults apply"},
    {"prefer_server_cipher_suites", "is not supported: GnuTLS decides"},
    {"client_allowed_sans",
     "is not supported: a client certificate is checked against "
     "client_ca_file only"},
};

template <size_t N>
void RejectUnsupported(const MapReader& r, const Unsupported (&keys)[N]) {
  for (const Unsupported& u : keys) {
    std::string key(u.key);
    Check(!r.Get(key), r, key, std::string(u.why));
  }
}

constexpr std::pair<std::string_view, ClientAuth> kClientAuthNames[] = {
    {"NoClientCert", ClientAuth::kNoClientCert},
    {"RequestClientCert", ClientAuth::kRequestClientCert},
    {"RequireAnyClientCert", ClientAuth::kRequireAnyClientCert},
    {"VerifyClientCertIfGiven", ClientAuth::kVerifyClientCertIfGiven},
    {"RequireAndVerifyClientCert", ClientAuth::kRequireAndVerifyClientCert},
};

ClientAuth ClientAuthOf(const Place& at) {
  std::string text = ScalarOf(at);
  std::string choices;
  for (const auto& [name, value] : kClientAuthNames) {
    if (text == name) return value;
    choices += (choices.empty() ? "" : ", ") + std::string(name);
  }
  Fail(at, "unknown client_auth_type \"" + text + "\" (" + choices + ")");
}

TlsVersion MinVersionOf(const Place& at) {
  std::string text = ScalarOf(at);
  if (text == "TLS12") return TlsVersion::kTls12;
  if (text == "TLS13") return TlsVersion::kTls13;
  if (text == "TLS10" || text == "TLS11") {
    Fail(at, "TLS 1.0 and 1.1 are not served; use TLS12 or TLS13");
  }
  Fail(at, "unknown min_version \"" + text + "\" (TLS12 or TLS13)");
}

// Relative paths start at the web config file's directory, as in
// exporter-toolkit, not at the process's working directory.
std::string Resolve(const std::string& file, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(file).parent_path() / path).string();
}

// The text of the PEM file named at r's `name`, checked by `problem`.
template <typename Problem>
std::string PemAt(const MapReader& r, const std::string& name,
                  const std::string& path, Problem problem) {
  YAML::Node node = r.Get(name).value_or(r.node());
  std::string key = r.Child(name);
  Place at{r.file(), node, key};
  constexpr size_t kMaxBytes = 1 << 20;
  std::string text;
  try {
    text = ReadFileText(path, kMaxBytes, "1 MiB");
  } catch (const ConfigError& e) {
    Fail(at, e.what());
  }
  if (std::string why = problem(text); !why.empty())
    Fail(at, path + ": " + why);
  return text;
}

void ReadTlsFiles(const MapReader& r, TlsServerConfig& tls) {
  tls.cert_pem = PemAt(r, "cert_file", tls.cert_file, CertificatesProblem);
  tls.key_pem = PemAt(r, "key_file", tls.key_file, PrivateKeyProblem);
  std::string pair = KeyPairProblem(tls.cert_pem, tls.key_pem);
  Check(pair.empty(), r, "key_file", tls.key_file + ": " + pair);
  if (!tls.client_ca_file.empty()) {
    tls.client_ca_pem =
        PemAt(r, "client_ca_file", tls.client_ca_file, CertificatesProblem);
  }
}

TlsServerConfig TlsOf(const Place& at) {
  MapReader r(at, {"cert_file", "key_file", "client_ca_file",
                   "client_auth_type", "min_version", "cert", "key",
                   "max_version", "cipher_suites", "curve_preferences",
                   "prefer_server_cipher_suites", "client_allowed_sans"});
  RejectUnsupported(r, kUnsupportedTls);
  TlsServerConfig tls;
  Read(r, "cert_file", NonEmptyOf, tls.cert_file);
  Read(r, "key_file", NonEmptyOf, tls.key_file);
  Read(r, "client_ca_file", NonEmptyOf, tls.client_ca_file);
  Read(r, "client_auth_type", ClientAuthOf, tls.client_auth);
  Read(r, "min_version", MinVersionOf, tls.min_version);

  if (!TlsAvailable()) Fail(at, "this libmicrohttpd was built without TLS");
  Check(!tls.cert_file.empty(), r, "cert_file", "is required for TLS");
  Check(!tls.key_file.empty(), r, "key_file", "is required for TLS");
  // libmicrohttpd asks the client for a certificate only when it has a
  // CA to name; without one, no client would ever send a certificate.
  Check(tls.client_auth == ClientAuth::kNoClientCert ||
            !tls.client_ca_file.empty(),
        r, "client_ca_file",
        "is required when client_auth_type is not NoClientCert");
  tls.cert_file = Resolve(r.file(), tls.cert_file);
  tls.key_file = Resolve(r.file(), tls.key_file);
  tls.client_ca_file = Resolve(r.file(), tls.client_ca_file);
  ReadTlsFiles(r, tls);
  return tls;
}

std::map<std::string, std::string> UsersOf(const Place& at) {
  if (at.node.IsNull()) return {};
  if (!at.node.IsMap()) {
    Fail(at,
         "expected a mapping of user: bcrypt hash, got " + Describe(at.node));
  }
  std::map<std::string, std::string> users;
  for (const auto& entry : at.node) {
    std::string key = at.key + "." + entry.first.Scalar();
    Place name_at{at.file, entry.first, key};
    std::string user = NonEmptyOf(name_at);
    // Basic auth sends "user:password", split at the first colon.
    if (user.find(':') != std::string::npos) {
      Fail(name_at, "a user name cannot hold ':'");
    }
    if (users.count(user) > 0) Fail(name_at, "duplicate key");

    YAML::Node value = entry.second;
    if (value.IsNull()) Fail(name_at, "needs a bcrypt hash");
    Place hash_at{at.file, value, key};
    std::string hash = ScalarOf(hash_at);
    if (std::string why = BcryptHashProblem(hash); !why.empty()) {
      Fail(hash_at, why);
    }
    users.emplace(std::move(user), std::move(hash));
  }
  return users;
}

WebConfigFile WebConfigFileOf(const std::string& file, const YAML::Node& root) {
  WebConfigFile config;
  if (!root || root.IsNull()) return config;
  std::string top;
  MapReader r(Place{file, root, top},
              {"tls_server_config", "basic_auth_users", "http_server_config"});
  RejectUnsupported(r, kUnsupportedTop);
  // An empty section (everything in it commented out) means no TLS.
  std::optional<YAML::Node> tls = r.Get("tls_server_config");
  if (tls && !tls->IsNull()) {
    std::string key = "tls_server_config";
    config.tls = TlsOf(Place{file, *tls, key});
  }
  Read(r, "basic_auth_users", UsersOf, config.basic_auth_users);
  return config;
}

}  // namespace

WebConfigFile ParseWebConfigFile(const std::string& yaml,
                                 const std::string& path) {
  return WebConfigFileOf(path, ParseDocument(yaml, path));
}

WebConfigFile LoadWebConfigFile(const std::string& path) {
  constexpr size_t kMaxBytes = 1 << 20;
  return ParseWebConfigFile(ReadFileText(path, kMaxBytes, "1 MiB"), path);
}

std::vector<std::string> FilesNamedBy(const WebConfigFile& file) {
  if (!file.tls) return {};
  std::vector<std::string> files = {file.tls->cert_file, file.tls->key_file};
  if (!file.tls->client_ca_file.empty()) {
    files.push_back(file.tls->client_ca_file);
  }
  return files;
}

}  // namespace webex
