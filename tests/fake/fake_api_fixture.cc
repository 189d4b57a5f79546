#include "fake_api_fixture.h"

#include <simdjson.h>

#include "exporter/fake/location_generator.h"

namespace webex::fake::testing {

FakeApiTest::FakeApiTest() {
  options_.tokens = {kToken};
  options_.oauth.client_id = "client";
  options_.oauth.client_secret = "secret";
  options_.oauth.refresh_token = "refresh-1";
  options_.oauth.rotate_refresh_token = true;
  first_location_id_ = FirstLocation().id;
}

void FakeApiTest::SetUp() { StartFake(); }

void FakeApiTest::TearDown() {
  if (api_) api_->Stop();
}

void FakeApiTest::StartFake() {
  api_ = std::make_unique<FakeWebexApi>(options_);
  api_->Start();
  base_url_ = api_->base_url();
  control_url_ = "http://" + api_->host_port() + "/_fake";
}

std::string FakeApiTest::SettingsUrl(const std::string& location_id) const {
  return base_url_ + "/telephony/config/locations/" + location_id +
         "/callParks/settings";
}

HttpResult FakeApiTest::GetSettings(const std::string& location_id,
                                    std::vector<std::string> headers) {
  return Get(SettingsUrl(location_id), headers);
}

HttpResult FakeApiTest::Control(const std::string& method,
                                const std::string& path,
                                const std::string& body) {
  HttpRequest request;
  request.method = method;
  request.url = control_url_ + path;
  request.body = body;
  return Send(request);
}

std::vector<ListedLocation> FakeApiTest::ListLocations() {
  HttpResult listed = Control("GET", "/locations");
  simdjson::dom::parser parser;
  std::vector<ListedLocation> locations;
  for (simdjson::dom::element location : parser.parse(listed.body)) {
    ListedLocation entry;
    entry.id = std::string(location["id"].get_string().value());
    entry.name = std::string(location["name"].get_string().value());
    std::string_view hunt_group_name;
    if (location.at_pointer("/settings/callParkRecall/huntGroupName")
            .get(hunt_group_name) == simdjson::SUCCESS) {
      entry.hunt_group_name = std::string(hunt_group_name);
    }
    locations.push_back(std::move(entry));
  }
  return locations;
}

int64_t FakeApiTest::Stat(const char* key) {
  HttpResult stats = Control("GET", "/stats");
  simdjson::dom::parser parser;
  return parser.parse(stats.body)[key].get_int64().value();
}

}  // namespace webex::fake::testing
