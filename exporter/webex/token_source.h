#pragma once

#include <optional>
#include <string>
#include <variant>

#include "config/config.h"
#include "config/secret_file.h"
#include "util/clock.h"

namespace webex {

using TokenResult = std::variant<std::string, TokenProblem>;

// Where the poller gets the bearer token it sends: a static token
// (StaticTokenSource) or one renewed through OAuth (OAuthTokenSource).
// Implementations are called from the polling thread alone.
class TokenSource {
 public:
  virtual ~TokenSource() = default;

  // The token to send now, or why there is none. May renew it first,
  // spending at most until `deadline`.
  virtual TokenResult Current(Clock::TimePoint deadline) = 0;

  // The API answered 401 to `refused`. Returns another token worth one
  // more try, or nullopt when there is none: the caller must not ask
  // again in a loop.
  virtual std::optional<std::string> Renewed(const std::string& refused,
                                             Clock::TimePoint deadline) = 0;
};

// webex.token_file or webex.token_env, read afresh at every call, so that
// a file rotated by something else is used without a restart: after a 401
// a token that differs from the refused one is worth a try. Holds a copy
// of the config; renews nothing itself.
class StaticTokenSource : public TokenSource {
 public:
  explicit StaticTokenSource(WebexConfig webex) : webex_(std::move(webex)) {}

  TokenResult Current(Clock::TimePoint deadline) override;
  std::optional<std::string> Renewed(const std::string& refused,
                                     Clock::TimePoint deadline) override;

 private:
  const WebexConfig webex_;
};

}  // namespace webex
