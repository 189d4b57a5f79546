#include "exporter/fake/token_store.h"

#include <gtest/gtest.h>

namespace webex::fake {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

class TokenStoreTest : public ::testing::Test {
 protected:
  OAuthClient Client(bool rotate) {
    OAuthClient client;
    client.client_id = "client";
    client.client_secret = "secret";
    client.refresh_token = "refresh-1";
    client.access_token_ttl = seconds(60);
    client.rotate_refresh_token = rotate;
    return client;
  }

  TokenStore::Clock FakeClock() {
    return [this] { return now_; };
  }

  RefreshRequest Request(std::string refresh_token) {
    return {"refresh_token", "client", "secret", std::move(refresh_token)};
  }

  steady_clock::time_point now_ = steady_clock::time_point() + seconds(1000);
};

TEST_F(TokenStoreTest, AcceptsOnlyTheGivenTokens) {
  TokenStore store({"a"}, OAuthClient{}, FakeClock());

  EXPECT_TRUE(store.Accepts("a"));
  EXPECT_FALSE(store.Accepts("b"));

  store.ReplaceTokens({"b"});
  EXPECT_FALSE(store.Accepts("a"));
  EXPECT_TRUE(store.Accepts("b"));
}

TEST_F(TokenStoreTest, GrantedTokenWorksUntilItExpires) {
  TokenStore store({}, Client(false), FakeClock());

  auto outcome = store.Refresh(Request("refresh-1"));
  ASSERT_TRUE(std::holds_alternative<TokenGrant>(outcome));
  const TokenGrant& grant = std::get<TokenGrant>(outcome);
  EXPECT_EQ(grant.expires_in, seconds(60));
  EXPECT_EQ(grant.refresh_token, "refresh-1");
  EXPECT_TRUE(store.Accepts(grant.access_token));

  now_ += seconds(61);
  EXPECT_FALSE(store.Accepts(grant.access_token));
}

TEST_F(TokenStoreTest, RotationRetiresTheOldRefreshToken) {
  TokenStore store({}, Client(true), FakeClock());

  auto first = store.Refresh(Request("refresh-1"));
  ASSERT_TRUE(std::holds_alternative<TokenGrant>(first));
  std::string next = std::get<TokenGrant>(first).refresh_token;
  EXPECT_NE(next, "refresh-1");

  auto reused = store.Refresh(Request("refresh-1"));
  ASSERT_TRUE(std::holds_alternative<GrantError>(reused));
  EXPECT_EQ(std::get<GrantError>(reused), GrantError::kInvalidGrant);
  EXPECT_TRUE(std::holds_alternative<TokenGrant>(store.Refresh(Request(next))));
}

TEST_F(TokenStoreTest, RejectsWrongClientAndGrantType) {
  TokenStore store({}, Client(false), FakeClock());
  RefreshRequest wrong_secret = Request("refresh-1");
  wrong_secret.client_secret = "guess";
  RefreshRequest wrong_type = Request("refresh-1");
  wrong_type.grant_type = "password";

  EXPECT_EQ(std::get<GrantError>(store.Refresh(wrong_secret)),
            GrantError::kInvalidClient);
  EXPECT_EQ(std::get<GrantError>(store.Refresh(wrong_type)),
            GrantError::kUnsupportedGrantType);
}

TEST_F(TokenStoreTest, GrantIsOffWithoutAClientId) {
  TokenStore store({}, OAuthClient{}, FakeClock());

  EXPECT_EQ(std::get<GrantError>(store.Refresh(Request(""))),
            GrantError::kInvalidClient);
}

}  // namespace
}  // namespace webex::fake
