#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "log/logger.h"

namespace webex {

struct Flags {
  std::string config_file;
  std::optional<std::string> listen_address;
  std::string web_config_file;  // --web.config.file; empty: none
  LogLevel log_level = LogLevel::kInfo;
  LogFormat log_format = LogFormat::kLogfmt;
  bool check_config = false;
  bool once = false;
  bool version = false;
  bool help = false;
  uint32_t shard = 0;
  uint32_t total_shards = 1;
};

struct FlagError {
  std::string message;
};

// Reads the command line: "--name value" or "--name=value".
std::variant<Flags, FlagError> ParseFlags(int argc, const char* const* argv);

std::string Usage();

}  // namespace webex
