#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace webex {

// Whether an Accept-Encoding header value admits gzip (a "gzip" token
// whose q is not 0).
bool AcceptsGzip(std::string_view accept_encoding);

// `text` as a gzip stream, at zlib's fastest level: a scrape of 10,000
// locations is tens of MB of very repetitive text. nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view text);

}  // namespace webex
