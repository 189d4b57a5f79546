#pragma once

#include <optional>
#include <string>

#include "config/config.h"
#include "log/logger.h"
#include "metrics/api_metrics.h"
#include "metrics/exporter_metrics.h"
#include "util/clock.h"
#include "webex/dispatcher.h"
#include "webex/token_source.h"

namespace webex {

// An access token renewed with the OAuth refresh grant,
// POST {base_url}/access_token, through the shared Dispatcher (so the
// transport's timeout, the rate limit and the retries apply, and every
// attempt counts under endpoint="access_token").
//
// It renews when it holds no token (at start), once less than
// RenewalMargin() of the token's lifetime remains, and after a 401 for the
// token it holds. A failed renewal waits RenewalBackoff() before the next
// attempt and, meanwhile, the old token is used as long as it is valid.
// The client secret and refresh token files are read at each renewal; a
// rotated refresh token is written back to its file atomically, and kept
// in memory (and used) when that write fails. Failures are logged at warn
// once per change of reason; no secret or token is ever logged.
//
// Borrows everything it is given; called from the polling thread alone.
class OAuthTokenSource : public TokenSource {
 public:
  OAuthTokenSource(const std::string& base_url, OAuthConfig oauth,
                   Dispatcher& dispatcher, ApiMetrics& api_metrics,
                   ExporterMetrics& metrics, Logger& log, const Clock& clock);

  TokenResult Current(Clock::TimePoint deadline) override;
  std::optional<std::string> Renewed(const std::string& refused,
                                     Clock::TimePoint deadline) override;

  // How long before expiry a token of `lifetime` is renewed: a tenth of
  // its lifetime or 5 minutes, whichever is more, but never more than
  // half of it.
  static Duration RenewalMargin(Duration lifetime);

  // The wait after `failures` failed renewals in a row (1 or more): 1 s,
  // doubled after each failure, at most 5 minutes.
  static Duration RenewalBackoff(int failures);

 private:
  struct Failure {
    std::string reason;  // an API error reason, or a local one
    long status = 0;
    std::string tracking_id;
    std::string detail;  // never a secret
  };

  bool Holds() const;
  bool MayAttempt() const;
  void Renew(Clock::TimePoint deadline);
  std::optional<Failure> Exchange(const std::string& refresh_token,
                                  Clock::TimePoint deadline);
  std::optional<Failure> Grant(const ExchangeOutcome& outcome,
                               const std::string& refresh_token,
                               Clock::TimePoint asked, double asked_unix);
  std::variant<std::string, TokenProblem> RefreshToken();
  void SaveRefreshToken(const std::string& token);
  void NoteFailure(const Failure& failure);
  std::string Redact(std::string text) const;

  const std::string token_url_;
  const OAuthConfig oauth_;
  Dispatcher& dispatcher_;
  ApiMetrics& api_metrics_;
  ExporterMetrics& metrics_;
  Logger& log_;
  const Clock& clock_;

  std::string access_token_;
  Clock::TimePoint expires_at_{};
  Clock::TimePoint renew_at_{};

  int failures_ = 0;  // in a row
  Clock::TimePoint next_attempt_{};
  std::string failing_reason_;  // empty while renewals succeed
  std::string last_problem_;    // what Current() says while no token is held

  // Secrets of the latest attempt, to keep them out of error details.
  std::string client_secret_;
  std::string refresh_token_;
  // A rotated refresh token that could not be written to its file.
  std::optional<std::string> unsaved_refresh_token_;
};

}  // namespace webex
