#include "webex/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace webex {

RetryPolicy::RetryPolicy(const Limits& limits, uint64_t seed)
    : limits_(limits), random_(seed ? seed : std::random_device{}()) {}

Duration RetryPolicy::ClampRetryAfter(Duration asked) const {
  return std::clamp(asked, limits_.min_retry_after, limits_.max_retry_after);
}

std::optional<Duration> RetryPolicy::Delay(
    ErrorReason reason, int retry, std::optional<Duration> retry_after) {
  if (!IsRetryable(reason) || retry > limits_.max_retries) return std::nullopt;
  if (retry_after) return ClampRetryAfter(*retry_after);

  int doublings = std::min(retry - 1, 20);
  int64_t ceiling =
      std::min<int64_t>(limits_.cap.count(), limits_.base.count() << doublings);
  std::uniform_int_distribution<int64_t> pick(0, ceiling);
  return Duration(pick(random_));
}

std::optional<Duration> ParseRetryAfter(std::string_view value,
                                        double now_unix) {
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  auto [end, err] =
      std::from_chars(value.data(), value.data() + value.size(), seconds);
  bool whole = end == value.data() + value.size();
  if (err == std::errc::result_out_of_range && value.front() != '-') {
    return Duration(int64_t{86400} * 1000);  // "wait very long": clamped later
  }
  if (err == std::errc() && whole) {
    if (seconds < 0) return std::nullopt;
    return Duration(std::min<int64_t>(seconds, 86400) * 1000);
  }

  std::string date(value);
  time_t at = curl_getdate(date.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  double wait = std::max(0.0, static_cast<double>(at) - now_unix);
  return Duration(static_cast<int64_t>(std::min(wait, 86400.0) * 1000));
}

}  // namespace webex
