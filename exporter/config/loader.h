#pragma once

#include <stdexcept>
#include <string>

#include "config/config.h"

namespace webex {

// A configuration that cannot be used. what() names the file, the line and
// column where known, and the key, e.g.
//   "exporter.yaml:7:12: webex.timeout: invalid duration \"10x\"".
// It never contains the token.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and validates the YAML file at `path`: unknown keys, wrong types,
// bad durations, unknown enums, duplicate locations and a token that
// cannot be found are all rejected. Throws ConfigError; never returns a
// partial Config. Reads the environment (token_env) and the token file.
Config LoadConfig(const std::string& path);

// The same, from text already in memory; `path` only names it in errors.
Config ParseConfig(const std::string& yaml, const std::string& path);

}  // namespace webex
