// A fake Webex Calling API server for tests and demos.
#ifndef EXPORTER_FAKE_FAKE_WEBEX_API_H_
#define EXPORTER_FAKE_FAKE_WEBEX_API_H_

#include <memory>
#include <string>

#include "exporter/fake/control_routes.h"
#include "exporter/fake/fake_options.h"
#include "exporter/fake/fake_state.h"
#include "exporter/fake/listen_address.h"
#include "exporter/fake/location_generator.h"
#include "exporter/fake/webex_api_routes.h"

struct mg_connection;
struct mg_context;

namespace webex::fake {

// Serves the Webex API under /v1 and the control API under /_fake (see
// exporter/fake/README.md) on an embedded civetweb server.
//
// Owns the server, its worker threads and all fake state. Start() and
// Stop() must be called from one thread (the owner's); the request handlers
// run on civetweb's workers and share only thread-safe state. The
// destructor stops the server.
class FakeWebexApi {
 public:
  explicit FakeWebexApi(FakeOptions options);
  ~FakeWebexApi();

  FakeWebexApi(const FakeWebexApi&) = delete;
  FakeWebexApi& operator=(const FakeWebexApi&) = delete;

  // Starts listening and returns the bound port. Throws std::runtime_error
  // naming the address when it cannot listen, and when called a second
  // time: a stopped fake is not restarted.
  int Start();

  // Stops serving; requests still open (hung ones included) are cut off.
  // Returns within a fraction of a second. Safe to call more than once.
  void Stop();

  // The bound port; 0 before Start().
  int port() const { return port_; }

  // The address clients use, e.g. "127.0.0.1:40123"; loopback when the
  // fake listens on a wildcard address.
  std::string host_port() const;

  // What the exporter's base_url should be: "http://HOST:PORT/v1".
  std::string base_url() const;

  const std::string& org_id() const { return state_.org_id; }

 private:
  FakeWebexApi(FakeOptions options, GeneratedOrg org);

  static int HandleRequest(mg_connection* connection, void* self);
  static int LogMessage(const mg_connection* connection, const char* message);

  int BoundPort() const;

  const FakeOptions options_;
  ListenAddress address_;
  FakeState state_;
  WebexApiRoutes api_routes_;
  ControlRoutes control_routes_;
  mg_context* context_ = nullptr;
  bool started_ = false;
  int port_ = 0;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_FAKE_WEBEX_API_H_
