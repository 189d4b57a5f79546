#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace webex {

// What is wrong with `hash` as a basic_auth_users entry, or "" when it is
// a bcrypt hash ($2a$, $2b$ or $2y$) that libxcrypt can check. The message
// never repeats the value: it may be a password written by mistake.
std::string BcryptHashProblem(std::string_view hash);

// Whether `password` hashes to `hash` (libxcrypt's crypt, compared in
// constant time). False for a hash that libxcrypt rejects. Slow by design:
// a bcrypt of cost 10 takes tens of milliseconds. Thread-safe.
bool BcryptMatches(std::string_view password, const std::string& hash);

// The basic_auth_users of one web config file, and the credentials that
// have already passed. A bcrypt per scrape would cost more than the
// scrape, so a success is remembered, keyed by a salted SHA-256 of user
// and password (never the password itself), for as long as this object
// lives; a reload builds a new one. At most kMaxRemembered successes are
// kept, then the memory starts again. Failures are never remembered.
// Thread-safe: Allows() may run on every server thread at once.
class BasicAuth {
 public:
  using HashCheck =
      std::function<bool(std::string_view password, const std::string& hash)>;

  static constexpr size_t kMaxRemembered = 1024;

  // `users` maps a user name to its bcrypt hash; `check` is BcryptMatches
  // except in tests.
  explicit BasicAuth(std::map<std::string, std::string> users,
                     HashCheck check = BcryptMatches);

  // False when no users are configured: then nothing is asked for.
  bool enabled() const { return !users_.empty(); }

  // Whether the user exists and the password is its own. An unknown user
  // costs a bcrypt too, so that timing does not tell which names exist.
  bool Allows(std::string_view user, std::string_view password);

 private:
  using Digest = std::array<unsigned char, 32>;

  Digest DigestOf(std::string_view user, std::string_view password) const;
  bool Remembered(const Digest& digest);
  void Remember(const Digest& digest);

  const std::map<std::string, std::string> users_;
  const HashCheck check_;
  std::array<unsigned char, 32> salt_{};

  std::mutex mutex_;
  std::set<Digest> passed_;  // guarded by mutex_
};

}  // namespace webex
