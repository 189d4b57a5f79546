#include "exporter/fake/token_store.h"

#include <cstdio>
#include <utility>

#include "exporter/fake/webex_id.h"

namespace webex::fake {

std::string_view GrantErrorCode(GrantError error) {
  switch (error) {
    case GrantError::kInvalidRequest:
      return "invalid_request";
    case GrantError::kInvalidClient:
      return "invalid_client";
    case GrantError::kInvalidGrant:
      return "invalid_grant";
    case GrantError::kUnsupportedGrantType:
      return "unsupported_grant_type";
  }
  return "invalid_request";
}

TokenStore::TokenStore(std::vector<std::string> tokens, OAuthClient client,
                       Clock clock)
    : client_(std::move(client)),
      clock_(std::move(clock)),
      refresh_token_(client_.refresh_token),
      salt_(RandomSalt()) {
  ReplaceTokens(std::move(tokens));
}

bool TokenStore::Accepts(std::string_view token) const {
  std::lock_guard lock(mutex_);
  auto found = accepted_.find(token);
  return found != accepted_.end() && clock_() < found->second;
}

void TokenStore::ReplaceTokens(std::vector<std::string> tokens) {
  std::lock_guard lock(mutex_);
  accepted_.clear();
  for (std::string& token : tokens) {
    accepted_.emplace(std::move(token), TimePoint::max());
  }
}

std::variant<TokenGrant, GrantError> TokenStore::Refresh(
    const RefreshRequest& request) {
  std::lock_guard lock(mutex_);
  if (std::optional<GrantError> error = Check(request)) return *error;

  TokenGrant grant{NewToken("FAKE_ACCESS_"), client_.access_token_ttl,
                   refresh_token_, client_.refresh_token_ttl};
  accepted_[grant.access_token] = clock_() + client_.access_token_ttl;

  if (client_.rotate_refresh_token) {
    refresh_token_ = NewToken("FAKE_REFRESH_");
    grant.refresh_token = refresh_token_;
  }
  return grant;
}

std::optional<GrantError> TokenStore::Check(
    const RefreshRequest& request) const {
  if (request.grant_type.empty() || request.client_id.empty()) {
    return GrantError::kInvalidRequest;
  }
  if (request.grant_type != "refresh_token") {
    return GrantError::kUnsupportedGrantType;
  }
  if (client_.client_id.empty() || request.client_id != client_.client_id ||
      request.client_secret != client_.client_secret) {
    return GrantError::kInvalidClient;
  }
  if (request.refresh_token.empty() ||
      request.refresh_token != refresh_token_) {
    return GrantError::kInvalidGrant;
  }
  return std::nullopt;
}

std::string TokenStore::NewToken(std::string_view prefix) {
  ++tokens_issued_;
  char random[33];
  std::snprintf(
      random, sizeof random, "%016llx%016llx",
      static_cast<unsigned long long>(Scramble(salt_ ^ tokens_issued_)),
      static_cast<unsigned long long>(Scramble(~salt_ + tokens_issued_)));
  return std::string(prefix) + random;
}

}  // namespace webex::fake
