#include "webex/access_token_grant.h"

#include <gtest/gtest.h>

namespace webex {
namespace {

ParseError ErrorOf(std::string_view body) {
  auto parsed = ParseAccessTokenGrant(body);
  if (auto* error = std::get_if<ParseError>(&parsed)) return *error;
  ADD_FAILURE() << "accepted: " << body;
  return {};
}

TEST(AccessTokenGrantTest, FormEncodesEveryValue) {
  EXPECT_EQ(RefreshGrantForm("C1 d", "s&cret=1", "r+t/2"),
            "grant_type=refresh_token&client_id=C1%20d"
            "&client_secret=s%26cret%3D1&refresh_token=r%2Bt%2F2");
}

TEST(AccessTokenGrantTest, ReadsTheVendorAnswerInAnyOrder) {
  auto parsed = ParseAccessTokenGrant(
      R"({"token_type":"Bearer","refresh_token_expires_in":7776000,)"
      R"("refresh_token":"REFRESH-2","expires_in":1209600,)"
      R"("access_token":"ACCESS-1","unknown":{"nested":[1,2]}})");
  auto& grant = std::get<AccessTokenGrant>(parsed);
  EXPECT_EQ(grant.access_token, "ACCESS-1");
  EXPECT_EQ(grant.expires_in, 1209600);
  EXPECT_EQ(grant.refresh_token, "REFRESH-2");
}

TEST(AccessTokenGrantTest, ARefreshTokenIsOptional) {
  auto parsed =
      ParseAccessTokenGrant(R"({"access_token":"ACCESS-1","expires_in":60})");
  EXPECT_EQ(std::get<AccessTokenGrant>(parsed).refresh_token, "");
}

TEST(AccessTokenGrantTest, TextThatIsNotOneJsonObjectIsInvalidJson) {
  for (std::string_view body :
       {"<html>proxy</html>", "", R"({"access_token":"A","expires_in":60} x)",
        R"({"access_token":"A",)"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(ErrorOf(body).reason, ErrorReason::kInvalidJson);
  }
}

TEST(AccessTokenGrantTest, UnusableFieldsAreInvalidPayloads) {
  for (std::string_view body : {
           R"([])",
           R"({"expires_in":60})",
           R"({"access_token":"A"})",
           R"({"access_token":"","expires_in":60})",
           R"({"access_token":"A B","expires_in":60})",
           R"({"access_token":"A\r\nX: 1","expires_in":60})",
           R"({"access_token":7,"expires_in":60})",
           R"({"access_token":"A","expires_in":"60"})",
           R"({"access_token":"A","expires_in":0})",
           R"({"access_token":"A","expires_in":-5})",
           R"({"access_token":"A","expires_in":1.5})",
           R"({"access_token":"A","expires_in":99999999999})",
           R"({"access_token":"A","expires_in":60,"refresh_token":null})",
       }) {
    SCOPED_TRACE(body);
    EXPECT_EQ(ErrorOf(body).reason, ErrorReason::kInvalidPayload);
  }
}

TEST(AccessTokenGrantTest, DetailsNeverQuoteAToken) {
  ParseError error =
      ErrorOf(R"({"access_token":"SECRET VALUE","expires_in":60})");
  EXPECT_EQ(error.detail.find("SECRET"), std::string::npos) << error.detail;
}

TEST(AccessTokenGrantTest, ErrorMessageReadsOAuthAndWebexBodies) {
  EXPECT_EQ(GrantErrorMessage(R"({"error":"invalid_grant",)"
                              R"("error_description":"replaced"})"),
            "invalid_grant: replaced");
  EXPECT_EQ(GrantErrorMessage(R"({"error":"invalid_client"})"),
            "invalid_client");
  EXPECT_EQ(GrantErrorMessage(R"({"message":"Service unavailable"})"),
            "Service unavailable");
  EXPECT_EQ(GrantErrorMessage("<html>down</html>"), "");
}

}  // namespace
}  // namespace webex
