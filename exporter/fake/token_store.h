// Bearer tokens and the OAuth refresh grant of the fake Webex API.
#ifndef EXPORTER_FAKE_TOKEN_STORE_H_
#define EXPORTER_FAKE_TOKEN_STORE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace webex::fake {

// The integration the fake plays the authorization server for. An empty
// client id turns the grant off: every request to it fails.
struct OAuthClient {
  std::string client_id;
  std::string client_secret;
  std::string refresh_token;
  std::chrono::seconds access_token_ttl{1209600};
  std::chrono::seconds refresh_token_ttl{7776000};
  // Each grant issues a new refresh token and retires the old one.
  bool rotate_refresh_token = false;
};

// The form fields of POST /access_token.
struct RefreshRequest {
  std::string grant_type;
  std::string client_id;
  std::string client_secret;
  std::string refresh_token;
};

struct TokenGrant {
  std::string access_token;
  std::chrono::seconds expires_in;
  std::string refresh_token;
  std::chrono::seconds refresh_token_expires_in;
};

// The OAuth error codes of RFC 6749, section 5.2.
enum class GrantError {
  kInvalidRequest,
  kInvalidClient,
  kInvalidGrant,
  kUnsupportedGrantType,
};

std::string_view GrantErrorCode(GrantError error);

// Owns the set of accepted bearer tokens (those given at start-up or by the
// control API never expire; granted ones expire after the client's TTL) and
// the current refresh token.
//
// Thread-safe: every method takes an internal lock. The clock is injected
// so that tests can expire tokens without sleeping.
class TokenStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  TokenStore(std::vector<std::string> tokens, OAuthClient client,
             Clock clock = std::chrono::steady_clock::now);

  // True when `token` is accepted and has not expired.
  bool Accepts(std::string_view token) const;

  // Replaces every accepted token, granted ones included.
  void ReplaceTokens(std::vector<std::string> tokens);

  // Issues a new access token, which is accepted from then on, or says why
  // not.
  std::variant<TokenGrant, GrantError> Refresh(const RefreshRequest& request);

 private:
  using TimePoint = std::chrono::steady_clock::time_point;

  std::optional<GrantError> Check(const RefreshRequest& request) const;
  std::string NewToken(std::string_view prefix);

  const OAuthClient client_;
  const Clock clock_;
  mutable std::mutex mutex_;
  // Token -> expiry; TimePoint::max() for tokens that never expire.
  std::map<std::string, TimePoint, std::less<>> accepted_;
  std::string refresh_token_;
  uint64_t tokens_issued_ = 0;
  const uint64_t salt_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_TOKEN_STORE_H_
