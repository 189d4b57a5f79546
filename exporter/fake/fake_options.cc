#include "exporter/fake/fake_options.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace webex::fake {

namespace {

int64_t ParseInteger(const std::string& flag, const std::string& text,
                     int64_t min, int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || value < min || value > max) {
    throw std::invalid_argument(flag + " wants a whole number from " +
                                std::to_string(min) + " to " +
                                std::to_string(max) + ", got \"" + text + "\"");
  }
  return value;
}

std::vector<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::invalid_argument("--token-file: cannot read " + path);

  std::vector<std::string> tokens;
  std::string line;
  while (std::getline(file, line)) {
    size_t first = line.find_first_not_of(" \t\r");
    size_t last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos) {
      tokens.push_back(line.substr(first, last - first + 1));
    }
  }
  if (tokens.empty()) {
    throw std::invalid_argument("--token-file: no token in " + path);
  }
  return tokens;
}

constexpr std::array<std::string_view, 14> kValueFlags = {
    "--listen",    "--token",      "--token-file",    "--org-id",
    "--locations", "--seed",       "--latency-ms",    "--threads",
    "--port-file", "--client-id",  "--client-secret", "--refresh-token",
    "--token-ttl", "--close-after"};

bool TakesValue(std::string_view flag) {
  return std::find(kValueFlags.begin(), kValueFlags.end(), flag) !=
         kValueFlags.end();
}

void ApplyValueFlag(const std::string& flag, const std::string& value,
                    CommandLine& command_line) {
  FakeOptions& options = command_line.options;
  if (flag == "--listen") {
    options.listen = value;
  } else if (flag == "--token") {
    options.tokens.push_back(value);
  } else if (flag == "--token-file") {
    for (std::string& token : ReadTokenFile(value)) {
      options.tokens.push_back(std::move(token));
    }
  } else if (flag == "--org-id") {
    options.org_id = value;
  } else if (flag == "--locations") {
    options.locations = static_cast<int>(ParseInteger(flag, value, 0, 1000000));
  } else if (flag == "--seed") {
    options.seed =
        static_cast<uint64_t>(ParseInteger(flag, value, 0, INT64_MAX));
  } else if (flag == "--latency-ms") {
    options.latency =
        std::chrono::milliseconds(ParseInteger(flag, value, 0, 600000));
  } else if (flag == "--threads") {
    options.threads = static_cast<int>(ParseInteger(flag, value, 1, 4096));
  } else if (flag == "--close-after") {
    options.close_after =
        static_cast<int>(ParseInteger(flag, value, 0, 1000000));
  } else if (flag == "--port-file") {
    command_line.port_file = value;
  } else if (flag == "--client-id") {
    options.oauth.client_id = value;
  } else if (flag == "--client-secret") {
    options.oauth.client_secret = value;
  } else if (flag == "--refresh-token") {
    options.oauth.refresh_token = value;
  } else if (flag == "--token-ttl") {
    // Ten years at most, so that expiry times cannot overflow.
    options.oauth.access_token_ttl =
        std::chrono::seconds(ParseInteger(flag, value, 1, 315360000));
  }
}

}  // namespace

CommandLine ParseCommandLine(int argc, const char* const* argv) {
  CommandLine command_line;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      command_line.show_help = true;
      continue;
    }
    if (arg == "--rotate-refresh-token") {
      command_line.options.oauth.rotate_refresh_token = true;
      continue;
    }

    size_t equals = arg.find('=');
    std::string flag = arg.substr(0, equals);
    if (!TakesValue(flag)) {
      throw std::invalid_argument("unknown flag " + flag + " (see --help)");
    }
    if (equals == std::string::npos && i + 1 >= argc) {
      throw std::invalid_argument(flag + " needs a value");
    }
    std::string value =
        equals == std::string::npos ? argv[++i] : arg.substr(equals + 1);
    ApplyValueFlag(flag, value, command_line);
  }
  return command_line;
}

std::string Usage() {
  return R"(Usage: webex-fake-api [flags]

A fake Webex Calling API for tests and demos. Serves /v1 (Call Park
settings, location lists, access_token) and a control API under /_fake.

  --listen ADDR:PORT       IPv4 or [IPv6] literal and port (127.0.0.1:0)
  --token TOKEN            accepted bearer token; repeatable
  --token-file PATH        accepted bearer tokens, one per line
  --org-id ID              the org id (generated from --seed)
  --locations N            generated locations (5)
  --seed N                 seed for the generated org and locations (1)
  --latency-ms N           added to every API answer (0)
  --threads N              worker threads = requests served at once (128)
  --close-after N          close each connection after N requests (0: never)
  --port-file PATH         write the bound port here once listening
  --client-id ID           OAuth client id for POST /v1/access_token
  --client-secret SECRET   OAuth client secret
  --refresh-token TOKEN    the refresh token the grant accepts
  --token-ttl SECONDS      lifetime of granted access tokens (1209600)
  --rotate-refresh-token   each grant replaces the refresh token
  --help                   this text
)";
}

}  // namespace webex::fake
