#include "exporter/fake/location_generator.h"

#include <array>
#include <random>
#include <set>
#include <string_view>
#include <utility>

#include "exporter/fake/webex_id.h"

namespace webex::fake {

namespace {

constexpr std::array<std::string_view, 3> kOptions = {
    "ALERT_PARKING_USER_ONLY", "ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP",
    "ALERT_HUNT_GROUP_ONLY"};

constexpr std::array<std::string_view, 4> kRingPatterns = {
    "NORMAL", "LONG_LONG", "SHORT_SHORT_LONG", "SHORT_LONG_SHORT"};

constexpr std::array<int, 7> kTimes = {30, 45, 60, 90, 120, 300, 600};

constexpr std::array<std::string_view, 24> kPlaceNames = {
    "São Paulo",     "Zürich HQ",        "Kraków 2",     "東京",
    "New York City", "San Francisco",    "München Süd",  "Montréal",
    "Bengaluru",     "Reykjavík",        "Łódź Branch",  "Malmö",
    "İstanbul",      "Ciudad de México", "Αθήνα",        "Seoul 서울",
    "Dublin",        "Austin Remote",    "København",    "Praha Karlín",
    "Lisboa",        "Nice Côte d'Azur", "Chicago Loop", "Kyiv"};

constexpr std::array<std::string_view, 8> kHuntGroupNames = {
    "Support \"Tier 2\" \\ Night",
    "Front Desk",
    "Équipe Accueil",
    "営業 Sales",
    "IT Helpdesk 24/7",
    "Kundendienst Süd",
    "Ops & Facilities",
    "Soporte Técnico"};

// Uses the engine's raw output only, so every platform draws the same.
size_t Draw(std::mt19937_64& engine, size_t bound) { return engine() % bound; }

std::vector<std::string_view> ShuffledPlaceNames(std::mt19937_64& engine) {
  std::vector<std::string_view> names(kPlaceNames.begin(), kPlaceNames.end());
  for (size_t i = names.size() - 1; i > 0; --i) {
    std::swap(names[i], names[Draw(engine, i + 1)]);
  }
  return names;
}

// Past the end of the list names repeat with " 2", " 3", ...; a clash with
// a listed name such as "Kraków 2" moves on to the next number.
std::string UniqueName(std::string_view base, int round,
                       std::set<std::string>& taken) {
  for (int suffix = round + 1;; ++suffix) {
    std::string name(base);
    if (suffix > 1) name += " " + std::to_string(suffix);
    if (taken.insert(name).second) return name;
  }
}

}  // namespace

FakeLocation FirstLocation() {
  FakeLocation location;
  location.id = WebexId("LOCATION", "c97ee049-359b-4c78-8454-058c2ede2563");
  location.name = "Headquarters";
  location.settings = MakeCallParkSettings(
      "ALERT_HUNT_GROUP_ONLY", "NORMAL", 45, 45,
      "Y2lzY29zcGFyazovL3VzL0hVTlRfR1JPVVAvZEdWamFHNXBZMkZzTFhOMWNIQnZjblF0"
      "TlRVMU9EWTNOVE13T1VCbmJXRnBiQzVqYjIwPQ",
      "Technical Support Group - 5558675309");
  return location;
}

GeneratedOrg GenerateOrg(int location_count, uint64_t seed) {
  std::mt19937_64 engine(seed);
  GeneratedOrg org;
  org.org_id = WebexId("ORGANIZATION", RandomUuid(engine));
  if (location_count <= 0) return org;

  org.locations.push_back(FirstLocation());
  std::set<std::string> taken = {org.locations[0].name};
  std::vector<std::string_view> names = ShuffledPlaceNames(engine);
  size_t option_offset = Draw(engine, kOptions.size());
  size_t pattern_offset = Draw(engine, kRingPatterns.size());
  size_t hunt_groups = 0;

  for (int i = 1; i < location_count; ++i) {
    size_t n = static_cast<size_t>(i - 1);
    FakeLocation location;
    location.id = WebexId("LOCATION", RandomUuid(engine));
    location.name = UniqueName(names[n % names.size()],
                               static_cast<int>(n / names.size()), taken);

    std::string_view option = kOptions[(n + option_offset) % kOptions.size()];
    // Only the parking-user-only option works without a hunt group.
    bool has_hunt_group = option != kOptions[0] || Draw(engine, 2) == 0;
    std::string hunt_group_id;
    std::string_view hunt_group_name;
    if (has_hunt_group) {
      hunt_group_id = WebexId("HUNT_GROUP", RandomUuid(engine));
      hunt_group_name = kHuntGroupNames[hunt_groups++ % kHuntGroupNames.size()];
    }

    location.settings = MakeCallParkSettings(
        option, kRingPatterns[(n + pattern_offset) % kRingPatterns.size()],
        kTimes[Draw(engine, kTimes.size())],
        kTimes[Draw(engine, kTimes.size())], hunt_group_id, hunt_group_name);
    org.locations.push_back(std::move(location));
  }
  return org;
}

}  // namespace webex::fake
