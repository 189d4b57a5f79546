#include "webex/validation.h"

namespace webex {

std::vector<std::string_view> UndocumentedSettings(const CallParkSettings& s) {
  std::vector<std::string_view> found;
  if (!IsDocumentedSeconds(s.recall_time)) found.push_back("recall_time");
  if (!IsDocumentedSeconds(s.hunt_wait_time)) found.push_back("hunt_wait_time");
  if (!IsKnownRecallOption(s.option)) found.push_back("option");
  if (!IsKnownRingPattern(s.ring_pattern)) found.push_back("ring_pattern");
  return found;
}

}  // namespace webex
