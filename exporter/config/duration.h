#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace webex {

using Duration = std::chrono::milliseconds;

// Parses "250ms", "30s", "5m", "1h" or a sequence of them ("1h30m").
// Returns nullopt for anything else, including a bare number, a negative
// value and a value that would overflow.
std::optional<Duration> ParseDuration(std::string_view text);

// Parses "10%" into 0.1; accepts 0% to 100%.
std::optional<double> ParsePercent(std::string_view text);

}  // namespace webex
