#include "config/duration.h"

#include <charconv>
#include <cstdint>

namespace webex {
namespace {

std::optional<int64_t> UnitMillis(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60 * 1000;
  if (unit == "h") return 3600 * 1000;
  return std::nullopt;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Duration> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  constexpr int64_t kMax = int64_t{1} << 50;
  int64_t total = 0;
  int64_t last_unit = INT64_MAX;  // units must get smaller: 1m30s, not 30s1m

  while (!text.empty()) {
    if (!IsDigit(text.front())) return std::nullopt;
    int64_t amount = 0;
    auto [end, err] =
        std::from_chars(text.data(), text.data() + text.size(), amount);
    if (err != std::errc() || end == text.data() || amount > kMax) {
      return std::nullopt;
    }
    text.remove_prefix(end - text.data());

    size_t unit_len = 0;
    while (unit_len < text.size() && !IsDigit(text[unit_len])) ++unit_len;
    std::optional<int64_t> unit = UnitMillis(text.substr(0, unit_len));
    if (!unit || *unit >= last_unit) return std::nullopt;
    last_unit = *unit;
    text.remove_prefix(unit_len);

    total += amount * *unit;
    if (total > kMax) return std::nullopt;
  }
  return Duration(total);
}

std::optional<double> ParsePercent(std::string_view text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  text.remove_suffix(1);
  int value = 0;
  auto [end, err] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  if (value < 0 || value > 100) return std::nullopt;
  return value / 100.0;
}

}  // namespace webex
