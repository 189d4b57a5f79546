#pragma once

#include <optional>
#include <random>
#include <string_view>

#include "config/duration.h"
#include "webex/error_reason.h"

namespace webex {

// When to try a failed request again. Exponential backoff with full
// jitter: attempt n waits a uniform time in [0, min(cap, base * 2^n)].
// A Retry-After the API sent replaces the backoff, clamped to
// [min_retry_after, max_retry_after]; one that cannot be read falls back
// to the backoff. Not thread-safe (owns its random engine).
class RetryPolicy {
 public:
  struct Limits {
    int max_retries = 3;
    Duration base = std::chrono::seconds(1);
    Duration cap = std::chrono::seconds(30);
    Duration min_retry_after = std::chrono::seconds(1);
    Duration max_retry_after = std::chrono::minutes(5);
  };

  explicit RetryPolicy(const Limits& limits, uint64_t seed = 0);

  // The wait before retry number `retry` (1-based) after a failure of
  // `reason`, or nullopt when the request must not be retried.
  std::optional<Duration> Delay(ErrorReason reason, int retry,
                                std::optional<Duration> retry_after);

  Duration ClampRetryAfter(Duration asked) const;

 private:
  const Limits limits_;
  std::mt19937_64 random_;
};

// Reads a Retry-After value: delta seconds ("120") or an HTTP date, taken
// against `now_unix`. nullopt for anything else, or a negative delta.
std::optional<Duration> ParseRetryAfter(std::string_view value,
                                        double now_unix);

}  // namespace webex
