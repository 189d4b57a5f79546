#include "web/basic_auth.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "unit/support/bcrypt_hash.h"

namespace webex {
namespace {

using testing::HashOf;

TEST(BcryptTest, MatchesOnlyTheRightPassword) {
  std::string hash = HashOf("s3cret");
  ASSERT_FALSE(hash.empty());
  EXPECT_TRUE(BcryptMatches("s3cret", hash));
  EXPECT_FALSE(BcryptMatches("s3cret ", hash));
  EXPECT_FALSE(BcryptMatches("", hash));
  EXPECT_FALSE(BcryptMatches("S3cret", hash));
}

TEST(BcryptTest, EveryBcryptPrefixIsAcceptedAndChecked) {
  for (const char* prefix : {"$2a$", "$2b$", "$2y$"}) {
    SCOPED_TRACE(prefix);
    std::string hash = HashOf("pw", prefix);
    ASSERT_EQ(hash.rfind(prefix, 0), 0u);
    EXPECT_EQ(BcryptHashProblem(hash), "");
    EXPECT_TRUE(BcryptMatches("pw", hash));
    EXPECT_FALSE(BcryptMatches("pw2", hash));
  }
}

TEST(BcryptTest, OtherHashesAndBrokenOnesAreRefusedWithoutEchoingThem) {
  std::string good = HashOf("pw");
  std::string sha512 = HashOf("pw", "$6$");
  std::string yescrypt = HashOf("pw", "$y$");
  ASSERT_FALSE(sha512.empty());
  ASSERT_FALSE(yescrypt.empty());
  std::string bad_letter = good;
  bad_letter[40] = '!';
  std::string low_cost = good;
  low_cost.replace(4, 2, "03");
  std::string high_cost = good;
  high_cost.replace(4, 2, "32");
  for (const std::string& hash :
       {sha512, yescrypt, std::string("plain-password"), std::string(""),
        good.substr(0, 59), good + "x", bad_letter, low_cost, high_cost}) {
    SCOPED_TRACE(hash);
    std::string problem = BcryptHashProblem(hash);
    EXPECT_NE(problem, "");
    if (!hash.empty()) {
      EXPECT_EQ(problem.find(hash), std::string::npos);
    }
  }
  EXPECT_EQ(BcryptHashProblem("plain"),
            "is not a bcrypt hash: want one starting $2a$, $2b$ or $2y$ "
            "(make one with htpasswd -nBC 10 USER, or see the README)");
}

TEST(BcryptTest, AHashLibxcryptCannotUseMatchesNothing) {
  EXPECT_FALSE(BcryptMatches("pw", "*0"));
  EXPECT_FALSE(BcryptMatches("pw", ""));
}

// A stand-in for bcrypt that counts its calls; "right" is every user's
// password.
struct CountingCheck {
  std::atomic<int>* calls;
  bool operator()(std::string_view password, const std::string&) const {
    ++*calls;
    return password == "right";
  }
};

TEST(BasicAuthTest, AllowsAKnownUserWithItsPasswordOnly) {
  BasicAuth auth({{"alice", HashOf("wonder")}, {"bob", HashOf("builder")}});
  EXPECT_TRUE(auth.enabled());
  EXPECT_TRUE(auth.Allows("alice", "wonder"));
  EXPECT_TRUE(auth.Allows("bob", "builder"));
  EXPECT_FALSE(auth.Allows("alice", "builder"));
  EXPECT_FALSE(auth.Allows("carol", "wonder"));
  EXPECT_FALSE(auth.Allows("", ""));
}

TEST(BasicAuthTest, NoUsersMeansDisabled) {
  BasicAuth auth({});
  EXPECT_FALSE(auth.enabled());
  EXPECT_FALSE(auth.Allows("anyone", "anything"));
}

TEST(BasicAuthTest, AnUnknownUserCostsACheckToo) {
  std::atomic<int> calls{0};
  BasicAuth auth({{"alice", "hash"}}, CountingCheck{&calls});
  EXPECT_FALSE(auth.Allows("mallory", "right"));
  EXPECT_EQ(calls, 1);
}

TEST(BasicAuthTest, ASuccessIsRememberedAndAFailureIsNot) {
  std::atomic<int> calls{0};
  BasicAuth auth({{"alice", "hash"}, {"bob", "hash"}}, CountingCheck{&calls});
  EXPECT_TRUE(auth.Allows("alice", "right"));
  EXPECT_TRUE(auth.Allows("alice", "right"));
  EXPECT_TRUE(auth.Allows("alice", "right"));
  EXPECT_EQ(calls, 1);

  // The same password for another user is another entry.
  EXPECT_TRUE(auth.Allows("bob", "right"));
  EXPECT_EQ(calls, 2);

  EXPECT_FALSE(auth.Allows("alice", "wrong"));
  EXPECT_FALSE(auth.Allows("alice", "wrong"));
  EXPECT_EQ(calls, 4);
}

TEST(BasicAuthTest, TheMemoryIsCapped) {
  std::atomic<int> calls{0};
  // Every password passes here, as many do for bcrypt past its 72 bytes.
  auto any = [&calls](std::string_view, const std::string&) {
    ++calls;
    return true;
  };
  BasicAuth auth({{"alice", "hash"}}, any);
  for (size_t i = 0; i < BasicAuth::kMaxRemembered; ++i) {
    ASSERT_TRUE(auth.Allows("alice", "pw" + std::to_string(i)));
  }
  EXPECT_TRUE(auth.Allows("alice", "pw0"));
  EXPECT_EQ(calls, static_cast<int>(BasicAuth::kMaxRemembered));

  // One more makes it start again: the first is checked anew.
  EXPECT_TRUE(auth.Allows("alice", "one-too-many"));
  EXPECT_TRUE(auth.Allows("alice", "pw0"));
  EXPECT_EQ(calls, static_cast<int>(BasicAuth::kMaxRemembered) + 2);
}

}  // namespace
}  // namespace webex
