#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace webex {

// Why an attempt failed; the `reason` label of webex_api_errors_total.
enum class ErrorReason {
  kUnauthorized,
  kForbidden,
  kNotFound,
  kRateLimited,
  kLocked,
  kClientError,
  kServerError,
  kTimeout,
  kNetwork,
  kTls,
  kInvalidJson,
  kInvalidPayload,
};

inline constexpr std::array<ErrorReason, 12> kAllErrorReasons = {
    ErrorReason::kUnauthorized, ErrorReason::kForbidden,
    ErrorReason::kNotFound,     ErrorReason::kRateLimited,
    ErrorReason::kLocked,       ErrorReason::kClientError,
    ErrorReason::kServerError,  ErrorReason::kTimeout,
    ErrorReason::kNetwork,      ErrorReason::kTls,
    ErrorReason::kInvalidJson,  ErrorReason::kInvalidPayload,
};

std::string_view ReasonName(ErrorReason reason);

// The reason for an HTTP status, or nullopt for a 2xx success.
std::optional<ErrorReason> ReasonForStatus(long status);

// Whether another attempt may succeed: rate limits, locks, server errors
// and transport failures are retried; the other client errors and bad
// payloads would only fail again.
bool IsRetryable(ErrorReason reason);

}  // namespace webex
