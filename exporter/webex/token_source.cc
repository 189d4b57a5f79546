#include "webex/token_source.h"

#include "config/token.h"

namespace webex {

TokenResult StaticTokenSource::Current(Clock::TimePoint) {
  return ReadToken(webex_);
}

std::optional<std::string> StaticTokenSource::Renewed(
    const std::string& refused, Clock::TimePoint) {
  // Nothing to renew with, but the file may have been replaced since the
  // cycle read it.
  TokenResult token = ReadToken(webex_);
  auto* text = std::get_if<std::string>(&token);
  if (!text || *text == refused) return std::nullopt;
  return *text;
}

}  // namespace webex
