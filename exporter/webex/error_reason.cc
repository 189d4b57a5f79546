#include "webex/error_reason.h"

namespace webex {

std::string_view ReasonName(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kUnauthorized:
      return "unauthorized";
    case ErrorReason::kForbidden:
      return "forbidden";
    case ErrorReason::kNotFound:
      return "not_found";
    case ErrorReason::kRateLimited:
      return "rate_limited";
    case ErrorReason::kLocked:
      return "locked";
    case ErrorReason::kClientError:
      return "client_error";
    case ErrorReason::kServerError:
      return "server_error";
    case ErrorReason::kTimeout:
      return "timeout";
    case ErrorReason::kNetwork:
      return "network";
    case ErrorReason::kTls:
      return "tls";
    case ErrorReason::kInvalidJson:
      return "invalid_json";
    case ErrorReason::kInvalidPayload:
      return "invalid_payload";
  }
  return "client_error";
}

std::optional<ErrorReason> ReasonForStatus(long status) {
  if (status >= 200 && status < 300) return std::nullopt;
  switch (status) {
    case 401:
      return ErrorReason::kUnauthorized;
    case 403:
      return ErrorReason::kForbidden;
    case 404:
    case 410:
      return ErrorReason::kNotFound;
    case 423:
      return ErrorReason::kLocked;
    case 429:
      return ErrorReason::kRateLimited;
  }
  if (status >= 500 && status < 600) return ErrorReason::kServerError;
  return ErrorReason::kClientError;
}

bool IsRetryable(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kRateLimited:
    case ErrorReason::kLocked:
    case ErrorReason::kServerError:
    case ErrorReason::kTimeout:
    case ErrorReason::kNetwork:
      return true;
    default:
      return false;
  }
}

}  // namespace webex
