#include "web/server.h"

#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "web/client_certificate.h"
#include "web/gzip.h"

namespace webex {
namespace {

constexpr unsigned kThreads = 2;
constexpr unsigned kIdleTimeoutSeconds = 10;
// Without a bound per client address, one host holding ~1,000 idle
// sockets fills libmicrohttpd's table and every other scraper waits for
// the idle timeout. A scraper needs one connection; browsers a few.
constexpr unsigned kConnectionsPerAddress = 32;
constexpr std::chrono::milliseconds kDrainTime{1000};
// The pieces of a streamed answer: large enough that a send costs little
// next to the bytes it carries, small next to a whole exposition.
constexpr size_t kPieceBytes = 256 * 1024;
constexpr const char* kChallenge =
    "Basic realm=\"webex-callpark-exporter\", charset=\"UTF-8\"";

struct Answer {
  unsigned status = 200;
  const char* content_type = "text/plain";
  std::string body;
  std::unique_ptr<TextChunks> stream = nullptr;  // when set, the body
  const char* allow = nullptr;                   // the Allow header of a 405
  const char* encoding = nullptr;  // Content-Encoding, when compressed
  bool vary = false;               // the body depends on Accept-Encoding
  bool challenge = false;          // a 401 that asks for basic auth
};

Answer Text(unsigned status, std::string body) {
  return {status, "text/plain", std::move(body)};
}

Answer NotAllowed(const char* allow) {
  Answer answer = Text(405, "method not allowed\n");
  answer.allow = allow;
  return answer;
}

bool IsGetOrHead(std::string_view method) {
  return method == "GET" || method == "HEAD";
}

std::optional<std::string> GzippedMetrics(const WebRoutes& routes) {
  if (routes.metrics_gzip) return routes.metrics_gzip();
  return Gzip(routes.metrics());
}

// A HEAD gets the whole text's headers, Content-Length included: MHD
// would send a chunked answer's final chunk even to a HEAD, a stray body
// that the next answer on the connection would follow.
Answer Metrics(const WebRoutes& routes, std::string_view accept_encoding,
               bool head) {
  Answer answer{200, "text/plain; version=0.0.4; charset=utf-8", ""};
  answer.vary = true;
  std::optional<std::string> packed;
  if (AcceptsGzip(accept_encoding)) packed = GzippedMetrics(routes);
  if (packed) {
    answer.body = std::move(*packed);
    answer.encoding = "gzip";
  } else if (routes.metrics_stream && !head) {
    answer.stream = routes.metrics_stream();
  } else {
    answer.body = routes.metrics();
  }
  return answer;
}

Answer Route(const WebRoutes& routes, std::string_view method,
             std::string_view url, std::string_view accept_encoding) {
  if (url == "/metrics") {
    if (!IsGetOrHead(method)) return NotAllowed("GET, HEAD");
    return Metrics(routes, accept_encoding, method == "HEAD");
  }
  if (url == "/healthz") return Text(200, "ok\n");
  if (url == "/ready") {
    if (routes.ready()) return Text(200, "ready\n");
    return Text(503, "waiting for the first poll cycle\n");
  }
  if (url == "/") return {200, "text/html; charset=utf-8", routes.landing()};
  if (url == "/-/reload") {
    if (method != "POST" && method != "PUT") return NotAllowed("POST, PUT");
    std::string error = routes.reload();
    if (!error.empty()) return Text(500, "reload rejected: " + error + "\n");
    return Text(200, "reloaded\n");
  }
  return Text(404, "404 page not found\n");
}

// A route that throws answers 500 with the exception's message.
Answer RouteOrError(const WebRoutes& routes, std::string_view method,
                    std::string_view url, std::string_view accept_encoding) {
  try {
    return Route(routes, method, url, accept_encoding);
  } catch (const std::exception& e) {
    return Text(500, std::string("internal error: ") + e.what() + "\n");
  }
}

Answer Unauthorized() {
  Answer answer = Text(401, "unauthorized\n");
  answer.challenge = true;
  return answer;
}

// MHD's strings are freed with MHD_free; a password is wiped first.
struct WipeAndFree {
  void operator()(char* text) const {
    gnutls_memset(text, 0, std::strlen(text));
    MHD_free(text);
  }
};

bool Authenticated(MHD_Connection* connection, BasicAuth& auth) {
  char* password = nullptr;
  std::unique_ptr<char, WipeAndFree> user(
      MHD_basic_auth_get_username_password(connection, &password));
  std::unique_ptr<char, WipeAndFree> secret(password);
  return user && secret && auth.Allows(user.get(), secret.get());
}

gnutls_session_t SessionOf(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
  return info ? static_cast<gnutls_session_t>(info->tls_session) : nullptr;
}

const char* PrioritiesOf(TlsVersion min_version) {
  return min_version == TlsVersion::kTls13
             ? "NORMAL:-VERS-ALL:+VERS-TLS1.3"
             : "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";
}

// MHD's options for `tls`, which must outlive the daemon: MHD keeps
// pointers to the PEM texts.
std::vector<MHD_OptionItem> TlsOptions(const TlsServerConfig& tls) {
  auto text = [](const char* s) { return const_cast<char*>(s); };
  std::vector<MHD_OptionItem> options = {
      {MHD_OPTION_HTTPS_MEM_CERT, 0, text(tls.cert_pem.c_str())},
      {MHD_OPTION_HTTPS_MEM_KEY, 0, text(tls.key_pem.c_str())},
      {MHD_OPTION_HTTPS_PRIORITIES, 0, text(PrioritiesOf(tls.min_version))},
  };
  // With a CA, MHD asks every client for a certificate; without, none.
  if (tls.client_auth != ClientAuth::kNoClientCert) {
    options.push_back(
        {MHD_OPTION_HTTPS_MEM_TRUST, 0, text(tls.client_ca_pem.c_str())});
  }
  return options;
}

void DeleteBody(void* body) { delete static_cast<std::string*>(body); }

// Hands the body to MHD without copying it; MHD frees it with the
// response.
MHD_Response* WholeResponse(std::string text) {
  auto body = std::make_unique<std::string>(std::move(text));
  MHD_Response* response =
      MHD_create_response_from_buffer_with_free_callback_cls(
          body->size(), body->data(), DeleteBody, body.get());
  if (response) body.release();
  return response;
}

// A streamed body: the piece being sent and how much of it is out.
struct StreamedBody {
  std::unique_ptr<TextChunks> chunks;
  std::string piece;
  size_t sent = 0;
};

void DeleteStreamedBody(void* body) { delete static_cast<StreamedBody*>(body); }

// MHD asks for up to `max` bytes whenever the socket can take more. The
// next piece is made only once the last one is out; a piece that cannot
// be made (out of memory) ends the answer short, and the client, seeing
// no final chunk, knows the scrape failed.
ssize_t ReadStreamedBody(void* cls, uint64_t, char* buffer, size_t max) {
  auto& body = *static_cast<StreamedBody*>(cls);
  try {
    if (body.sent == body.piece.size()) {
      body.piece.clear();
      body.sent = 0;
      if (!body.chunks->Next(body.piece, kPieceBytes)) {
        return MHD_CONTENT_READER_END_OF_STREAM;
      }
    }
  } catch (...) {
    return MHD_CONTENT_READER_END_WITH_ERROR;
  }
  size_t bytes = std::min(max, body.piece.size() - body.sent);
  std::memcpy(buffer, body.piece.data() + body.sent, bytes);
  body.sent += bytes;
  return static_cast<ssize_t>(bytes);
}

// Without a length, MHD sends the body chunked (HTTP/1.1) or up to the
// connection's close (HTTP/1.0).
MHD_Response* StreamedResponse(std::unique_ptr<TextChunks> chunks) {
  auto body = std::make_unique<StreamedBody>();
  body->chunks = std::move(chunks);
  MHD_Response* response = MHD_create_response_from_callback(
      MHD_SIZE_UNKNOWN, kPieceBytes, ReadStreamedBody, body.get(),
      DeleteStreamedBody);
  if (response) body.release();
  return response;
}

// For HEAD, MHD sends the headers only.
MHD_Result Send(MHD_Connection* connection, Answer answer) {
  MHD_Response* response = answer.stream
                               ? StreamedResponse(std::move(answer.stream))
                               : WholeResponse(std::move(answer.body));
  if (!response) return MHD_NO;
  MHD_add_response_header(response, "Content-Type", answer.content_type);
  MHD_add_response_header(response, "Cache-Control", "no-store");
  if (answer.allow) MHD_add_response_header(response, "Allow", answer.allow);
  if (answer.encoding) {
    MHD_add_response_header(response, "Content-Encoding", answer.encoding);
  }
  if (answer.vary) MHD_add_response_header(response, "Vary", "Accept-Encoding");
  if (answer.challenge) {
    MHD_add_response_header(response, "WWW-Authenticate", kChallenge);
  }
  MHD_Result queued = MHD_queue_response(connection, answer.status, response);
  MHD_destroy_response(response);
  return queued;
}

}  // namespace

// One libmicrohttpd daemon on the server's socket. It keeps the TLS
// settings it was started with (MHD reads the PEM texts in place) and
// decides, per request, whether the client may be served.
struct WebServer::Daemon {
  const WebServer* server = nullptr;
  std::optional<TlsServerConfig> tls;
  MHD_Daemon* handle = nullptr;
  bool quiesced = false;

  // Quiesced, MHD leaves the socket to the server, which closes it last.
  ~Daemon() {
    if (!handle) return;
    if (!quiesced) MHD_quiesce_daemon(handle);
    MHD_stop_daemon(handle);
  }

  // Stops taking connections, then waits up to `limit` for the open ones
  // to close.
  void Drain(std::chrono::milliseconds limit) {
    MHD_quiesce_daemon(handle);
    quiesced = true;
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline && Connections() > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  unsigned Connections() const {
    const MHD_DaemonInfo* info =
        MHD_get_daemon_info(handle, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info ? info->num_connections : 0;
  }

  // A client certificate is checked before the password, as the TLS
  // handshake would in Go; either refusal comes before any route.
  Answer Serve(MHD_Connection* connection, std::string_view method,
               std::string_view url) const {
    if (tls) {
      std::string refusal =
          ClientCertificateRefusal(SessionOf(connection), tls->client_auth);
      if (!refusal.empty()) return Text(403, refusal + "\n");
    }
    std::shared_ptr<BasicAuth> auth = server->CurrentAuth();
    if (auth->enabled() && !Authenticated(connection, *auth)) {
      return Unauthorized();
    }
    const char* accept = MHD_lookup_connection_value(
        connection, MHD_HEADER_KIND, "Accept-Encoding");
    return RouteOrError(server->routes_, method, url, accept ? accept : "");
  }

  // MHD's access handler. It runs once with *request == nullptr when the
  // headers arrive, again for each piece of a body (ignored), and last
  // with *upload_size == 0, when the answer is sent. Nothing may throw
  // into C: if even the answer cannot be built, MHD closes the connection.
  static MHD_Result OnRequest(void* daemon, MHD_Connection* connection,
                              const char* url, const char* method, const char*,
                              const char*, size_t* upload_size,
                              void** request) {
    static int seen;
    if (*request == nullptr) {
      *request = &seen;
      return MHD_YES;
    }
    if (*upload_size != 0) {
      *upload_size = 0;
      return MHD_YES;
    }
    try {
      const auto& served = *static_cast<const Daemon*>(daemon);
      return Send(connection, served.Serve(connection, method, url));
    } catch (...) {
      return MHD_NO;
    }
  }
};

WebServer::WebServer(const std::string& listen_address, WebRoutes routes,
                     const WebConfigFile& security)
    : routes_(std::move(routes)),
      socket_(listen_address),
      auth_(std::make_shared<BasicAuth>(security.basic_auth_users)) {
  daemon_ = Start(security.tls);
  if (!daemon_) {
    throw BindError("cannot listen on " + listen_address +
                    ": the HTTP server (libmicrohttpd) did not start" +
                    (security.tls ? " with TLS" : ""));
  }
}

// The daemon stops before the socket it serves is closed.
WebServer::~WebServer() { daemon_.reset(); }

std::string WebServer::Secure(const WebConfigFile& security) {
  auto auth = std::make_shared<BasicAuth>(security.basic_auth_users);
  std::unique_ptr<Daemon> retired;
  if (security.tls != daemon_->tls) {
    std::unique_ptr<Daemon> fresh = Start(security.tls);
    if (!fresh) {
      return "the HTTP server (libmicrohttpd) did not start with the new "
             "tls_server_config";
    }
    retired = std::exchange(daemon_, std::move(fresh));
  }
  {
    std::lock_guard<std::mutex> lock(auth_mutex_);
    auth_ = std::move(auth);
  }
  if (retired) retired->Drain(kDrainTime);
  return "";
}

// MHD_USE_ITC lets a daemon give the socket back (quiesce). poll, not
// epoll: libmicrohttpd 0.9.75 quiescing epoll workers races them and can
// abort the process when a stop meets an arriving connection.
std::unique_ptr<WebServer::Daemon> WebServer::Start(
    const std::optional<TlsServerConfig>& tls) {
  auto daemon = std::make_unique<Daemon>();
  daemon->server = this;
  daemon->tls = tls;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC;
  std::vector<MHD_OptionItem> options = {
      {MHD_OPTION_LISTEN_SOCKET, socket_.fd(), nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, kThreads, nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, kIdleTimeoutSeconds, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, kConnectionsPerAddress, nullptr},
  };
  if (daemon->tls) {
    flags |= MHD_USE_TLS;
    std::vector<MHD_OptionItem> tls_options = TlsOptions(*daemon->tls);
    options.insert(options.end(), tls_options.begin(), tls_options.end());
  }
  options.push_back({MHD_OPTION_END, 0, nullptr});
  daemon->handle = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Daemon::OnRequest, daemon.get(),
      MHD_OPTION_ARRAY, options.data(), MHD_OPTION_END);
  if (!daemon->handle) return nullptr;
  return daemon;
}

std::shared_ptr<BasicAuth> WebServer::CurrentAuth() const {
  std::lock_guard<std::mutex> lock(auth_mutex_);
  return auth_;
}

}  // namespace webex
