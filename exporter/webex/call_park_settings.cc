#include "webex/call_park_settings.h"

#include <algorithm>

namespace webex {

bool IsKnownRecallOption(std::string_view option) {
  return std::find(kKnownRecallOptions.begin(), kKnownRecallOptions.end(),
                   option) != kKnownRecallOptions.end();
}

bool IsKnownRingPattern(std::string_view pattern) {
  return std::find(kKnownRingPatterns.begin(), kKnownRingPatterns.end(),
                   pattern) != kKnownRingPatterns.end();
}

bool IsDocumentedSeconds(int64_t seconds) {
  return seconds >= kMinDocumentedSeconds && seconds <= kMaxDocumentedSeconds;
}

}  // namespace webex
