#include "config/token.h"

#include <cstdlib>

#include "util/redact.h"

namespace webex {

std::variant<std::string, TokenProblem> ReadToken(const WebexConfig& webex) {
  if (!webex.token_env.empty()) {
    std::string named = "environment variable " + ShownInError(webex.token_env);
    const char* value = std::getenv(webex.token_env.c_str());
    return SecretOf(value ? value : "", named, named + " is not set or empty");
  }
  if (!webex.token_file.empty()) {
    return ReadSecretFile(webex.token_file, "token file");
  }
  return TokenProblem{"set webex.token_file, webex.token_env or webex.oauth"};
}

}  // namespace webex
