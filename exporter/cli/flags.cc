#include "cli/flags.h"

#include <charconv>
#include <string_view>
#include <vector>

namespace webex {
namespace {

bool TakesValue(std::string_view name) {
  return name == "--config" || name == "--config.file" ||
         name == "--web.listen-address" || name == "--web.config.file" ||
         name == "--log.level" || name == "--log.format" || name == "--shard" ||
         name == "--total-shards";
}

bool IsSwitch(std::string_view name) {
  return name == "--check-config" || name == "--once" || name == "--version" ||
         name == "--help" || name == "-h";
}

std::optional<std::string> Apply(Flags& flags, std::string_view name,
                                 const std::string& value) {
  if (name == "--config" || name == "--config.file") {
    flags.config_file = value;
  } else if (name == "--web.listen-address") {
    flags.listen_address = value;
  } else if (name == "--web.config.file") {
    if (value.empty()) return "--web.config.file: want a file name";
    flags.web_config_file = value;
  } else if (name == "--log.level") {
    auto level = ParseLogLevel(value);
    if (!level) return "--log.level: want debug, info, warn or error";
    flags.log_level = *level;
  } else if (name == "--log.format") {
    auto format = ParseLogFormat(value);
    if (!format) return "--log.format: want logfmt or json";
    flags.log_format = *format;
  } else if (name == "--shard" || name == "--total-shards") {
    uint32_t number = 0;
    auto [end, err] =
        std::from_chars(value.data(), value.data() + value.size(), number);
    if (err != std::errc() || end != value.data() + value.size()) {
      return std::string(name) + ": want a whole number";
    }
    (name == "--shard" ? flags.shard : flags.total_shards) = number;
  } else {
    return "unknown flag " + std::string(name);
  }
  return std::nullopt;
}

void ApplySwitch(Flags& flags, std::string_view name) {
  if (name == "--check-config") flags.check_config = true;
  if (name == "--once") flags.once = true;
  if (name == "--version") flags.version = true;
  if (name == "--help" || name == "-h") flags.help = true;
}

}  // namespace

std::variant<Flags, FlagError> ParseFlags(int argc, const char* const* argv) {
  Flags flags;
  std::vector<std::string> args(argv + 1, argv + argc);
  int shard_flags = 0;  // --shard and --total-shards come as a pair
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (IsSwitch(name) && !value) {
      ApplySwitch(flags, name);
      continue;
    }
    if (name.rfind("-", 0) != 0) {
      return FlagError{"unexpected argument \"" + name + "\""};
    }
    if (!TakesValue(name)) return FlagError{"unknown flag " + name};
    if (!value) {
      // "--config --once" means the value was forgotten, not "--once".
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
        return FlagError{name + ": missing value"};
      }
      value = args[++i];
    }
    if (auto error = Apply(flags, name, *value)) return FlagError{*error};
    shard_flags |= name == "--shard" ? 1 : name == "--total-shards" ? 2 : 0;
  }
  if (flags.config_file.empty() && !flags.version && !flags.help) {
    return FlagError{"--config FILE is required"};
  }
  if (shard_flags == 1 || shard_flags == 2) {
    return FlagError{"--shard and --total-shards go together"};
  }
  if (flags.total_shards < 1 || flags.shard >= flags.total_shards) {
    return FlagError{"--shard must be below --total-shards (at least 1)"};
  }
  return flags;
}

std::string Usage() {
  return "usage: webex-callpark-exporter --config FILE [flags]\n"
         "  --config FILE               YAML configuration\n"
         "  --web.listen-address ADDR   overrides web.listen_address\n"
         "  --web.config.file FILE      TLS and basic auth for the endpoint\n"
         "  --log.level LEVEL           debug, info (default), warn, error\n"
         "  --log.format FORMAT         logfmt (default) or json\n"
         "  --check-config              validate the configuration and exit\n"
         "  --once                      poll once, print the metrics, exit\n"
         "                              (non-zero if every location failed)\n"
         "  --shard N --total-shards M  poll only the locations whose id\n"
         "                              hashes to N of M (FNV-1a 64)\n"
         "  --version                   print the version and exit\n";
}

}  // namespace webex
