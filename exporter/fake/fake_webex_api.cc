#include "exporter/fake/fake_webex_api.h"

#include <civetweb.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <utility>

#include "exporter/fake/http_exchange.h"
#include "exporter/fake/json_writer.h"

namespace webex::fake {

namespace {

bool IsControlPath(std::string_view path) {
  return path == "/_fake" || path.starts_with("/_fake/");
}

}  // namespace

FakeWebexApi::FakeWebexApi(FakeOptions options)
    : FakeWebexApi(options, GenerateOrg(options.locations, options.seed)) {}

FakeWebexApi::FakeWebexApi(FakeOptions options, GeneratedOrg org)
    : options_(std::move(options)),
      state_(options_.org_id.value_or(org.org_id), std::move(org.locations),
             options_.tokens, options_.oauth, options_.latency,
             options_.close_after),
      api_routes_(state_),
      control_routes_(state_) {}

FakeWebexApi::~FakeWebexApi() { Stop(); }

int FakeWebexApi::Start() {
  if (started_) throw std::runtime_error("the fake Webex API was started");

  std::optional<ListenAddress> address = ParseListenAddress(options_.listen);
  if (!address) {
    throw std::runtime_error("cannot listen on \"" + options_.listen +
                             "\": want IPV4:PORT or [IPV6]:PORT");
  }
  if (address->ipv6 && mg_check_feature(MG_FEATURES_IPV6) == 0) {
    throw std::runtime_error("cannot listen on " + options_.listen +
                             ": this civetweb build has no IPv6 support");
  }
  address_ = *address;

  std::string ports = address_.HostPort(address_.port);
  std::string threads = std::to_string(options_.threads);
  // A short keep-alive timeout bounds how long an idle connection can hold
  // a worker, and how long shutdown waits for one. Answers go out in
  // several writes, so without TCP_NODELAY each would wait for a delayed
  // ACK (Nagle), doubling a latency-bound poll cycle.
  const char* config[] = {"listening_ports",
                          ports.c_str(),
                          "num_threads",
                          threads.c_str(),
                          "enable_keep_alive",
                          "yes",
                          "keep_alive_timeout_ms",
                          "500",
                          "tcp_nodelay",
                          "1",
                          nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = &LogMessage;
  mg_init_data init{&callbacks, this, config};
  char error_text[256] = "";
  unsigned error_code = 0;
  mg_error_data error{&error_code, error_text, sizeof error_text};

  mg_init_library(0);
  context_ = mg_start2(&init, &error);
  if (context_ == nullptr) {
    mg_exit_library();
    throw std::runtime_error("cannot listen on " + ports + ": " + error_text);
  }
  started_ = true;
  mg_set_request_handler(context_, "/", &HandleRequest, this);
  port_ = BoundPort();
  return port_;
}

void FakeWebexApi::Stop() {
  if (context_ == nullptr) return;

  // Wakes the handlers that delay, trickle or hang.
  state_.stop.Stop();

  // civetweb's listener thread checks for shutdown only between waits of
  // up to two seconds, unless a connection arrives; so knock until it has
  // gone (at most 2 s of knocking, bounding this loop).
  std::atomic<bool> stopped = false;
  std::thread knocker([this, &stopped] {
    for (int i = 0; i < 100 && !stopped; ++i) {
      KnockOnListener(address_, port_);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  mg_stop(context_);
  stopped = true;
  knocker.join();

  context_ = nullptr;
  mg_exit_library();
}

std::string FakeWebexApi::host_port() const {
  ListenAddress reachable = address_;
  if (reachable.host == "0.0.0.0") reachable.host = "127.0.0.1";
  if (reachable.host == "::") reachable.host = "::1";
  return reachable.HostPort(port_);
}

std::string FakeWebexApi::base_url() const {
  return "http://" + host_port() + "/v1";
}

int FakeWebexApi::HandleRequest(mg_connection* connection, void* self) {
  auto* api = static_cast<FakeWebexApi*>(self);
  HttpExchange exchange(connection);
  if (IsControlPath(exchange.path())) {
    api->control_routes_.Serve(exchange);
  } else {
    api->api_routes_.Serve(exchange);
  }
  // Any value from 1 to 999 tells civetweb the request was handled.
  return 1;
}

int FakeWebexApi::LogMessage(const mg_connection* /*connection*/,
                             const char* message) {
  std::fprintf(stderr, "level=warn msg=\"civetweb\" err=%s\n",
               JsonQuote(message).c_str());
  return 1;
}

int FakeWebexApi::BoundPort() const {
  mg_server_port ports[4] = {};
  int count = mg_get_server_ports(context_, 4, ports);
  return count > 0 ? ports[0].port : 0;
}

}  // namespace webex::fake
