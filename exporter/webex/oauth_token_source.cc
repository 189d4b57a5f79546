#include "webex/oauth_token_source.h"

#include <algorithm>

#include "webex/access_token_grant.h"
#include "webex/call_park_client.h"

namespace webex {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr Duration kMinMargin = minutes(5);
constexpr Duration kFirstBackoff = seconds(1);
constexpr Duration kMaxBackoff = minutes(5);

std::string WholeSeconds(Duration duration) {
  return std::to_string(std::chrono::duration_cast<seconds>(duration).count());
}

}  // namespace

OAuthTokenSource::OAuthTokenSource(const std::string& base_url,
                                   OAuthConfig oauth, Dispatcher& dispatcher,
                                   ApiMetrics& api_metrics,
                                   ExporterMetrics& metrics, Logger& log,
                                   const Clock& clock)
    : token_url_(base_url + "/access_token"),
      oauth_(std::move(oauth)),
      dispatcher_(dispatcher),
      api_metrics_(api_metrics),
      metrics_(metrics),
      log_(log),
      clock_(clock) {
  api_metrics_.Declare(kAccessTokenEndpoint);
}

Duration OAuthTokenSource::RenewalMargin(Duration lifetime) {
  return std::min(std::max(lifetime / 10, kMinMargin), lifetime / 2);
}

Duration OAuthTokenSource::RenewalBackoff(int failures) {
  Duration wait = kFirstBackoff;
  for (int i = 1; i < failures && wait < kMaxBackoff; ++i) wait *= 2;
  return std::min(wait, kMaxBackoff);
}

bool OAuthTokenSource::Holds() const {
  return !access_token_.empty() && clock_.Now() < expires_at_;
}

bool OAuthTokenSource::MayAttempt() const {
  return clock_.Now() >= next_attempt_;
}

TokenResult OAuthTokenSource::Current(Clock::TimePoint deadline) {
  bool due = !Holds() || clock_.Now() >= renew_at_;
  if (due && MayAttempt()) Renew(deadline);

  if (Holds()) return access_token_;
  return TokenProblem{last_problem_.empty() ? "no access token yet"
                                            : last_problem_};
}

std::optional<std::string> OAuthTokenSource::Renewed(
    const std::string& refused, Clock::TimePoint deadline) {
  if (Holds() && refused != access_token_) return access_token_;
  // A refused token is of no more use, valid or not.
  if (refused == access_token_) access_token_.clear();
  if (!MayAttempt()) return std::nullopt;

  log_.Info("access token refused by the api; renewing it");
  Renew(deadline);
  if (Holds() && access_token_ != refused) return access_token_;
  return std::nullopt;
}

void OAuthTokenSource::Renew(Clock::TimePoint deadline) {
  auto refresh = RefreshToken();
  auto secret = ReadSecretFile(oauth_.client_secret_file, "client secret file");
  for (auto* read : {&refresh, &secret}) {
    if (auto* problem = std::get_if<TokenProblem>(read)) {
      return NoteFailure({"unreadable_file", 0, "", problem->message});
    }
  }
  refresh_token_ = std::get<std::string>(refresh);
  client_secret_ = std::get<std::string>(secret);

  std::optional<Failure> failure = Exchange(refresh_token_, deadline);
  if (failure && !dispatcher_.stopped()) NoteFailure(*failure);
}

std::optional<OAuthTokenSource::Failure> OAuthTokenSource::Exchange(
    const std::string& refresh_token, Clock::TimePoint deadline) {
  Clock::TimePoint asked = clock_.Now();
  double asked_unix = clock_.UnixSeconds();
  HttpRequest request{
      token_url_,
      {"Accept: application/json",
       "Content-Type: application/x-www-form-urlencoded"},
      RefreshGrantForm(oauth_.client_id, client_secret_, refresh_token)};

  std::optional<ExchangeOutcome> outcome;
  dispatcher_.Run(kAccessTokenEndpoint, {request}, deadline,
                  [&](size_t, ExchangeOutcome o) { outcome = std::move(o); });
  if (!outcome || outcome->abandoned) {
    return Failure{"abandoned", 0, "", "renewal cut short by a deadline"};
  }
  return Grant(*outcome, refresh_token, asked, asked_unix);
}

std::optional<OAuthTokenSource::Failure> OAuthTokenSource::Grant(
    const ExchangeOutcome& outcome, const std::string& refresh_token,
    Clock::TimePoint asked, double asked_unix) {
  const HttpResponse& response = outcome.response;
  if (outcome.error) {
    std::string detail = response.error_detail.empty()
                             ? GrantErrorMessage(response.body)
                             : response.error_detail;
    return Failure{std::string(ReasonName(*outcome.error)), response.status,
                   outcome.tracking_id, Redact(detail)};
  }
  auto parsed = ParseAccessTokenGrant(response.body);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    api_metrics_.CountError(kAccessTokenEndpoint, error->reason);
    return Failure{std::string(ReasonName(error->reason)), response.status,
                   outcome.tracking_id, error->detail};
  }

  const auto& grant = std::get<AccessTokenGrant>(parsed);
  Duration lifetime = seconds(grant.expires_in);
  access_token_ = grant.access_token;
  expires_at_ = asked + lifetime;
  renew_at_ = expires_at_ - RenewalMargin(lifetime);
  metrics_.SetTokenExpiry(asked_unix + static_cast<double>(grant.expires_in));
  failures_ = 0;
  next_attempt_ = {};
  if (!failing_reason_.empty()) log_.Info("access token renewal recovered");
  failing_reason_.clear();
  log_.Info("access token renewed",
            {{"expires_in_seconds", std::to_string(grant.expires_in)},
             {"tracking_id", outcome.tracking_id}});

  if (!grant.refresh_token.empty() && grant.refresh_token != refresh_token) {
    SaveRefreshToken(grant.refresh_token);
  }
  return std::nullopt;
}

std::variant<std::string, TokenProblem> OAuthTokenSource::RefreshToken() {
  if (unsaved_refresh_token_) {
    SaveRefreshToken(*unsaved_refresh_token_);
    if (unsaved_refresh_token_) return *unsaved_refresh_token_;
  }
  return ReadSecretFile(oauth_.refresh_token_file, "refresh token file");
}

void OAuthTokenSource::SaveRefreshToken(const std::string& token) {
  std::optional<std::string> problem =
      ReplaceFileAtomically(oauth_.refresh_token_file, token + "\n");
  bool was_unsaved = unsaved_refresh_token_.has_value();
  if (!problem) {
    unsaved_refresh_token_.reset();
    log_.Info(was_unsaved ? "rotated refresh token saved at last"
                          : "refresh token rotated; saved",
              {{"file", oauth_.refresh_token_file}});
    return;
  }

  // The old token in the file is retired: the new one must not be lost.
  unsaved_refresh_token_ = token;
  if (was_unsaved) return;
  log_.Warn("cannot save the rotated refresh token; keeping it in memory",
            {{"file", oauth_.refresh_token_file}, {"err", *problem}});
}

void OAuthTokenSource::NoteFailure(const Failure& failure) {
  ++failures_;
  Duration wait = RenewalBackoff(failures_);
  next_attempt_ = clock_.Now() + wait;
  last_problem_ = "access token renewal failing: " + failure.reason +
                  (failure.detail.empty() ? "" : ": " + failure.detail);
  if (failure.reason == failing_reason_) return;

  failing_reason_ = failure.reason;
  log_.Warn("access token renewal failing",
            {{"status", std::to_string(failure.status)},
             {"reason", failure.reason},
             {"tracking_id", failure.tracking_id},
             {"err", failure.detail},
             {"retry_in_seconds", WholeSeconds(wait)}});
}

std::string OAuthTokenSource::Redact(std::string text) const {
  for (const std::string* secret :
       {&client_secret_, &refresh_token_, &access_token_}) {
    text = Redacted(std::move(text), *secret);
  }
  if (unsaved_refresh_token_) {
    text = Redacted(std::move(text), *unsaved_refresh_token_);
  }
  return text;
}

}  // namespace webex
