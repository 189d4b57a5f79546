// A fake Webex API started in-process on 127.0.0.1:0 for each test.
#ifndef TESTS_FAKE_FAKE_API_FIXTURE_H_
#define TESTS_FAKE_FAKE_API_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "exporter/fake/fake_webex_api.h"
#include "http_client.h"

namespace webex::fake::testing {

inline constexpr char kToken[] = "good-token";
inline constexpr char kAuthorization[] = "Authorization: Bearer good-token";

struct ListedLocation {
  std::string id;
  std::string name;
  std::string hunt_group_name;
};

class FakeApiTest : public ::testing::Test {
 protected:
  // Accepts kToken; the OAuth client is "client"/"secret" with refresh token
  // "refresh-1" and rotation on. Tests may change options_ before Start().
  FakeApiTest();

  void SetUp() override;
  void TearDown() override;

  void StartFake();

  std::string SettingsUrl(const std::string& location_id) const;
  HttpResult GetSettings(const std::string& location_id,
                         std::vector<std::string> headers = {kAuthorization});
  // A request to the control API, e.g. Control("POST", "/faults", "[...]").
  HttpResult Control(const std::string& method, const std::string& path,
                     const std::string& body = "");
  // GET /_fake/locations, parsed.
  std::vector<ListedLocation> ListLocations();
  // GET /_fake/stats -> its "key" field.
  int64_t Stat(const char* key);

  FakeOptions options_;
  std::unique_ptr<FakeWebexApi> api_;
  std::string base_url_;
  std::string control_url_;
  std::string first_location_id_;
};

}  // namespace webex::fake::testing

#endif  // TESTS_FAKE_FAKE_API_FIXTURE_H_
