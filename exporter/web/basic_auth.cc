#include "web/basic_auth.h"

#include <crypt.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace webex {
namespace {

bool IsBcryptLetter(char c) {
  return c == '.' || c == '/' || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Equal lengths are compared without an early exit, so the time taken
// does not say how much of a hash matched.
bool SameInConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return differ == 0;
}

}  // namespace

// "$2b$" + two-digit cost + "$" + 22 letters of salt + 31 of hash.
std::string BcryptHashProblem(std::string_view hash) {
  constexpr size_t kLength = 60;
  const std::string how =
      " (make one with htpasswd -nBC 10 USER, or see the README)";
  bool prefixed = hash.rfind("$2a$", 0) == 0 || hash.rfind("$2b$", 0) == 0 ||
                  hash.rfind("$2y$", 0) == 0;
  if (!prefixed) {
    return "is not a bcrypt hash: want one starting $2a$, $2b$ or $2y$" + how;
  }
  bool shaped = hash.size() == kLength && hash[6] == '$';
  for (size_t i = 7; shaped && i < hash.size(); ++i) {
    shaped = IsBcryptLetter(hash[i]);
  }
  if (!shaped) return "is not a whole bcrypt hash (60 characters)" + how;
  int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
  bool digits =
      hash[4] >= '0' && hash[4] <= '9' && hash[5] >= '0' && hash[5] <= '9';
  if (!digits || cost < 4 || cost > 31) {
    return "has a bcrypt cost outside 04..31" + how;
  }
  return "";
}

bool BcryptMatches(std::string_view password, const std::string& hash) {
  // crypt_rn wants a NUL-terminated phrase and 32 KiB of scratch space.
  std::string phrase(password);
  auto scratch = std::make_unique<crypt_data>();
  const char* result =
      crypt_rn(phrase.c_str(), hash.c_str(), scratch.get(), sizeof *scratch);
  bool same =
      result != nullptr && result[0] != '*' && SameInConstantTime(result, hash);
  gnutls_memset(scratch.get(), 0, sizeof *scratch);
  gnutls_memset(phrase.data(), 0, phrase.size());
  return same;
}

BasicAuth::BasicAuth(std::map<std::string, std::string> users, HashCheck check)
    : users_(std::move(users)), check_(std::move(check)) {
  // A per-object salt keeps the remembered digests useless elsewhere.
  gnutls_rnd(GNUTLS_RND_NONCE, salt_.data(), salt_.size());
}

bool BasicAuth::Allows(std::string_view user, std::string_view password) {
  if (users_.empty()) return false;
  auto found = users_.find(std::string(user));
  if (found == users_.end()) {
    // Spend what a real check spends, then refuse whatever it says.
    check_(password, users_.begin()->second);
    return false;
  }

  Digest digest = DigestOf(user, password);
  if (Remembered(digest)) return true;
  if (!check_(password, found->second)) return false;
  Remember(digest);
  return true;
}

BasicAuth::Digest BasicAuth::DigestOf(std::string_view user,
                                      std::string_view password) const {
  // salt, the user's length, the user, the password: no two pairs of
  // user and password give the same bytes.
  std::string input(reinterpret_cast<const char*>(salt_.data()), salt_.size());
  uint32_t length = static_cast<uint32_t>(user.size());
  input.append(reinterpret_cast<const char*>(&length), sizeof length);
  input.append(user);
  input.append(password);

  Digest digest{};
  gnutls_hash_fast(GNUTLS_DIG_SHA256, input.data(), input.size(),
                   digest.data());
  gnutls_memset(input.data(), 0, input.size());
  return digest;
}

bool BasicAuth::Remembered(const Digest& digest) {
  std::lock_guard<std::mutex> lock(mutex_);
  return passed_.count(digest) > 0;
}

void BasicAuth::Remember(const Digest& digest) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (passed_.size() >= kMaxRemembered) passed_.clear();
  passed_.insert(digest);
}

}  // namespace webex
