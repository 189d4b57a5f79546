#include "web/gzip.h"

#include <algorithm>
#include <cctype>

#include "util/deflate.h"

namespace webex {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// "gzip;q=0" (or Q=0: parameter names ignore case) refuses gzip; any
// other q, or none, accepts it.
bool QualityAllows(std::string_view params) {
  size_t q = params.find("q=");
  if (q == std::string_view::npos) q = params.find("Q=");
  if (q == std::string_view::npos) return true;
  std::string_view value = Trim(params.substr(q + 2));
  return !(value.rfind("0", 0) == 0 &&
           value.find_first_not_of("0.", 0) == std::string_view::npos);
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? "" : header.substr(comma + 1);

    size_t semicolon = item.find(';');
    std::string_view coding = Trim(item.substr(0, semicolon));
    std::string_view params =
        semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
    std::string lower(coding);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if ((lower == "gzip" || lower == "x-gzip") && QualityAllows(params)) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> Gzip(std::string_view text) {
  std::optional<DeflatePiece> piece = Deflate(text, true);
  if (!piece) return std::nullopt;
  const DeflatePiece* pieces[] = {&*piece};
  return GzipOf(pieces);
}

}  // namespace webex
