#include "config/token.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace webex {
namespace {

std::string Trimmed(const std::string& text) {
  const char* space = " \t\r\n";
  size_t begin = text.find_first_not_of(space);
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(space);
  return text.substr(begin, end - begin + 1);
}

std::variant<std::string, TokenProblem> FromEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  std::string token = value ? Trimmed(value) : "";
  if (token.empty()) {
    return TokenProblem{"environment variable " + name +
                        " is not set or empty"};
  }
  return token;
}

std::variant<std::string, TokenProblem> FromFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return TokenProblem{std::filesystem::exists(path, error)
                            ? "token file " + path + " is not a regular file"
                            : "cannot read token file " + path};
  }
  // A token is a few hundred bytes; refuse to slurp /dev/zero.
  constexpr std::streamsize kMaxBytes = 64 * 1024;
  std::ifstream in(path, std::ios::binary);
  if (!in) return TokenProblem{"cannot read token file " + path};
  std::string text(kMaxBytes + 1, '\0');
  in.read(text.data(), kMaxBytes + 1);
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > static_cast<size_t>(kMaxBytes)) {
    return TokenProblem{"token file " + path + " is larger than 64 KiB"};
  }

  std::string token = Trimmed(text);
  if (token.empty()) return TokenProblem{"token file " + path + " is empty"};
  return token;
}

}  // namespace

static std::variant<std::string, TokenProblem> Checked(
    std::variant<std::string, TokenProblem> read, const std::string& where) {
  auto* token = std::get_if<std::string>(&read);
  if (!token) return read;
  // A control character would let a token file inject HTTP headers.
  for (unsigned char c : *token) {
    if (c <= ' ' || c >= 0x7f) {
      return TokenProblem{where + " holds characters a token cannot have"};
    }
  }
  return read;
}

std::variant<std::string, TokenProblem> ReadToken(const WebexConfig& webex) {
  if (!webex.token_env.empty()) {
    return Checked(FromEnv(webex.token_env),
                   "environment variable " + webex.token_env);
  }
  if (!webex.token_file.empty()) {
    return Checked(FromFile(webex.token_file),
                   "token file " + webex.token_file);
  }
  return TokenProblem{"set webex.token_file or webex.token_env"};
}

}  // namespace webex
