#include "webex/error_reason.h"

#include <gtest/gtest.h>

#include <map>

namespace webex {
namespace {

TEST(ErrorReasonTest, EveryDocumentedStatusHasItsReasonAndRetryDecision) {
  struct Case {
    const char* reason;
    bool retry;
  };
  std::map<long, Case> documented = {
      {400, {"client_error", false}}, {401, {"unauthorized", false}},
      {403, {"forbidden", false}},    {404, {"not_found", false}},
      {405, {"client_error", false}}, {409, {"client_error", false}},
      {410, {"not_found", false}},    {415, {"client_error", false}},
      {423, {"locked", true}},        {428, {"client_error", false}},
      {429, {"rate_limited", true}},  {500, {"server_error", true}},
      {502, {"server_error", true}},  {503, {"server_error", true}},
      {504, {"server_error", true}},
  };
  for (auto [status, expected] : documented) {
    auto reason = ReasonForStatus(status);
    ASSERT_TRUE(reason) << status;
    EXPECT_EQ(ReasonName(*reason), expected.reason) << status;
    EXPECT_EQ(IsRetryable(*reason), expected.retry) << status;
  }
}

TEST(ErrorReasonTest, SuccessHasNoReason) {
  EXPECT_EQ(ReasonForStatus(200), std::nullopt);
  EXPECT_EQ(ReasonForStatus(204), std::nullopt);
}

TEST(ErrorReasonTest, NamesAreUnique) {
  std::set<std::string_view> names;
  for (ErrorReason r : kAllErrorReasons) names.insert(ReasonName(r));
  EXPECT_EQ(names.size(), kAllErrorReasons.size());
}

}  // namespace
}  // namespace webex
