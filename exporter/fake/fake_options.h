// The settings of a fake Webex API server, and its command line.
#ifndef EXPORTER_FAKE_FAKE_OPTIONS_H_
#define EXPORTER_FAKE_FAKE_OPTIONS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exporter/fake/token_store.h"

namespace webex::fake {

struct FakeOptions {
  // "IPV4:PORT" or "[IPV6]:PORT"; port 0 picks a free one.
  std::string listen = "127.0.0.1:0";
  // Bearer tokens accepted from the start; they never expire.
  std::vector<std::string> tokens;
  // Generated from the seed when absent.
  std::optional<std::string> org_id;
  int locations = 5;
  uint64_t seed = 1;
  // Added to every API answer.
  std::chrono::milliseconds latency{0};
  // civetweb worker threads. Each open request (a delayed, trickled or hung
  // one included) and each idle keep-alive connection holds one, so this
  // bounds how many requests the fake serves at once.
  int threads = 128;
  // Every Nth request on a connection is answered with "Connection: close"
  // and the connection closed after it; 0 keeps connections open.
  int close_after = 0;
  OAuthClient oauth;
};

struct CommandLine {
  FakeOptions options;
  // Where to write the bound port once listening.
  std::optional<std::string> port_file;
  bool show_help = false;
};

// Parses `--flag value` and `--flag=value`. Reads --token-file at once
// (one token per line). Throws std::invalid_argument with a message that
// names the flag.
CommandLine ParseCommandLine(int argc, const char* const* argv);

// The --help text.
std::string Usage();

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_FAKE_OPTIONS_H_
