#pragma once

#include <string>
#include <variant>

#include "config/config.h"
#include "config/secret_file.h"

namespace webex {

// Reads the bearer token from webex.token_env or webex.token_file, fresh
// on every call, so that a rotated file is used without a restart.
// Surrounding white space (a trailing newline) is dropped. With
// webex.oauth there is no static token: the answer is a TokenProblem.
// Thread-safe.
std::variant<std::string, TokenProblem> ReadToken(const WebexConfig& webex);

}  // namespace webex
