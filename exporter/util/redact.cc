#include "util/redact.h"

#include <algorithm>

namespace webex {
namespace {

bool IsTokenCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool LooksLikeToken(std::string_view text) {
  // Webex ids are base64 of "ciscospark://...", which starts so.
  constexpr std::string_view kWebexId = "Y2lzY29zcGFyazovL";
  return text.size() >= 32 && !text.starts_with(kWebexId) &&
         std::all_of(text.begin(), text.end(), IsTokenCharacter);
}

}  // namespace

std::string ShownInError(std::string_view text) {
  if (!LooksLikeToken(text)) return std::string(text);
  return "<" + std::to_string(text.size()) +
         " characters that look like a token, not shown>";
}

}  // namespace webex
