#pragma once

#include <crypt.h>

#include <memory>
#include <string>

namespace webex::testing {

// A hash of `password` made by libxcrypt, as htpasswd -B would make it;
// `prefix` picks the method ("$2b$", "$2y$", "$6$", ...). Cost 4, bcrypt's
// lowest, keeps tests fast. "" when libxcrypt refuses.
inline std::string HashOf(const std::string& password,
                          const char* prefix = "$2b$", unsigned long cost = 4) {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn(prefix, cost, nullptr, 0, setting, sizeof setting)) {
    return "";
  }
  auto scratch = std::make_unique<crypt_data>();
  const char* hash =
      crypt_rn(password.c_str(), setting, scratch.get(), sizeof *scratch);
  return hash && hash[0] != '*' ? hash : "";
}

}  // namespace webex::testing
