#include "config/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "config/name_pattern.h"
#include "config/token.h"
#include "config/yaml_reader.h"
#include "util/redact.h"
#include "util/utf8.h"
#include "web/listen_address.h"
#include "webex/call_park_settings.h"

namespace webex {
namespace {

using namespace config_reader;

int64_t SettingSecondsOf(const Place& at) {
  std::string text = ScalarOf(at);
  int64_t seconds = 0;
  std::optional<Duration> duration = ParseDuration(text);
  if (duration && duration->count() % 1000 == 0) {
    seconds = duration->count() / 1000;
  } else {
    seconds = NumberOf<int64_t>(at);
  }
  if (!IsDocumentedSeconds(seconds)) {
    Fail(at, "must be between 30s and 600s, got \"" + text + "\"");
  }
  return seconds;
}

// A value from one of the documented sets; the message lists the set.
template <size_t N>
std::string OneOf(const Place& at, const char* what,
                  const std::array<std::string_view, N>& known) {
  std::string text = ScalarOf(at);
  if (std::find(known.begin(), known.end(), text) != known.end()) return text;

  std::string choices;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) choices += i + 1 == N ? " or " : ", ";
    choices += known[i];
  }
  Fail(at, std::string("unknown ") + what + " \"" + ShownInError(text) +
               "\" (" + choices + ")");
}

std::string RecallOptionOf(const Place& at) {
  return OneOf(at, "option", kKnownRecallOptions);
}

std::string RingPatternOf(const Place& at) {
  return OneOf(at, "ring pattern", kKnownRingPatterns);
}

Baseline BaselineOf(const Place& at) {
  MapReader r(at, {"recall_time", "hunt_wait_time", "option", "ring_pattern",
                   "hunt_group_id"});
  Baseline b;
  Read(r, "recall_time", SettingSecondsOf, b.recall_time);
  Read(r, "hunt_wait_time", SettingSecondsOf, b.hunt_wait_time);
  Read(r, "option", RecallOptionOf, b.option);
  Read(r, "ring_pattern", RingPatternOf, b.ring_pattern);
  Read(r, "hunt_group_id", ScalarOf, b.hunt_group_id);
  return b;
}

LocationConfig LocationOf(const Place& at) {
  MapReader r(at, {"id", "name", "expected"});
  LocationConfig location;
  Read(r, "id", NonEmptyOf, location.id);
  Read(r, "name", ScalarOf, location.name);
  Read(r, "expected", BaselineOf, location.expected);
  if (location.id.empty()) Fail(at, "a location needs an id");
  return location;
}

std::string RegexOf(const Place& at) {
  std::string text = ScalarOf(at);
  std::unique_ptr<re2::RE2> pattern = CompileNamePattern(text);
  if (!pattern->ok()) {
    Fail(at, "invalid regular expression: " + pattern->error());
  }
  return text;
}

OrgConfig OrgOf(const Place& at) {
  MapReader r(
      at, {"id", "discover", "include", "exclude", "expected", "locations"});
  OrgConfig org;
  Read(r, "id", ScalarOf, org.id);
  Read(r, "discover", BoolOf, org.discover);
  Read(r, "include", RegexOf, org.include);
  Read(r, "exclude", RegexOf, org.exclude);
  Read(r, "expected", BaselineOf, org.expected);
  auto locations = [](const Place& p) {
    return ListOf<LocationConfig>(p, LocationOf);
  };
  Read(r, "locations", locations, org.locations);
  if (org.locations.empty() && !org.discover) {
    Fail(at, "an org needs locations or discover: true");
  }
  return org;
}

// What is wrong with a base URL, or "" when nothing is.
std::string BaseUrlProblem(const std::string& url) {
  size_t scheme = url.rfind("https://", 0) == 0  ? 8
                  : url.rfind("http://", 0) == 0 ? 7
                                                 : 0;
  if (scheme == 0) return "must start with http:// or https://";
  for (unsigned char c : url) {
    if (c <= ' ' || c >= 0x7f) return "must not hold spaces or control bytes";
  }
  std::string authority = url.substr(scheme, url.find('/', scheme) - scheme);
  if (authority.empty()) return "names no host";
  if (authority.find('@') != std::string::npos) {
    return "must not hold credentials; the token authenticates";
  }
  return "";
}

OAuthConfig OAuthOf(const Place& at) {
  MapReader r(at, {"client_id", "client_secret_file", "refresh_token_file"});
  OAuthConfig o;
  Read(r, "client_id", NonEmptyOf, o.client_id);
  Read(r, "client_secret_file", NonEmptyOf, o.client_secret_file);
  Read(r, "refresh_token_file", NonEmptyOf, o.refresh_token_file);
  Check(!o.client_id.empty(), r, "client_id", "is required");
  Check(!o.client_secret_file.empty(), r, "client_secret_file", "is required");
  Check(!o.refresh_token_file.empty(), r, "refresh_token_file", "is required");
  return o;
}

WebexConfig WebexOf(const Place& at) {
  MapReader r(at, {"base_url", "token_file", "token_env", "oauth", "timeout",
                   "max_concurrency", "requests_per_second", "max_retries"});
  WebexConfig w;
  Read(r, "base_url", ScalarOf, w.base_url);
  Read(r, "token_file", NonEmptyOf, w.token_file);
  Read(r, "token_env", NonEmptyOf, w.token_env);
  Read(r, "oauth", OAuthOf, w.oauth);
  Read(r, "timeout", DurationOf, w.timeout);
  Read(r, "max_concurrency", NumberOf<int>, w.max_concurrency);
  Read(r, "requests_per_second", NumberOf<double>, w.requests_per_second);
  Read(r, "max_retries", NumberOf<int>, w.max_retries);

  std::string url_problem = BaseUrlProblem(w.base_url);
  Check(url_problem.empty(), r, "base_url", url_problem);
  // Cycles never overlap, so one hung request holds up every location
  // until it times out: a bound keeps that finite.
  Check(w.timeout.count() > 0 && w.timeout <= std::chrono::minutes(5), r,
        "timeout", "must be more than 0s and at most 5m");
  Check(w.max_concurrency >= 1 && w.max_concurrency <= 1000, r,
        "max_concurrency", "must be between 1 and 1000");
  // Below one request a thousand seconds, 1/rate overflows the clock.
  Check(w.requests_per_second == 0 ||
            (w.requests_per_second >= 0.001 && w.requests_per_second <= 1e6),
        r, "requests_per_second",
        "must be 0 (no limit) or between 0.001 and 1000000");
  Check(w.max_retries >= 0 && w.max_retries <= 10, r, "max_retries",
        "must be between 0 and 10");
  Check(w.token_file.empty() || w.token_env.empty(), r, "token_env",
        "set token_file or token_env, not both");
  Check(!w.oauth || (w.token_file.empty() && w.token_env.empty()), r, "oauth",
        "set oauth or a static token (token_file, token_env), not both");
  while (!w.base_url.empty() && w.base_url.back() == '/') w.base_url.pop_back();
  return w;
}

// The client secret and refresh token must be readable at start-up, as a
// static token must; they are read again at each renewal.
void CheckOAuthFiles(const Place& at, const OAuthConfig& oauth) {
  YAML::Node node = at.node["oauth"];
  struct SecretFile {
    const char* key;
    const std::string& path;
    const char* what;
  };
  for (const SecretFile& file :
       {SecretFile{"client_secret_file", oauth.client_secret_file,
                   "client secret file"},
        SecretFile{"refresh_token_file", oauth.refresh_token_file,
                   "refresh token file"}}) {
    auto secret = ReadSecretFile(file.path, file.what);
    if (auto* problem = std::get_if<TokenProblem>(&secret)) {
      std::string key = at.key + ".oauth." + file.key;
      YAML::Node value = node[file.key];
      Fail(Place{at.file, value, key}, problem->message);
    }
  }
}

void CheckToken(const Place& at, const WebexConfig& w) {
  if (w.oauth) return CheckOAuthFiles(at, *w.oauth);
  auto token = ReadToken(w);
  if (auto* problem = std::get_if<TokenProblem>(&token)) {
    std::string key = at.key;
    if (!w.token_env.empty()) key += ".token_env";
    if (!w.token_file.empty()) key += ".token_file";
    YAML::Node node = at.node;
    if (key != at.key) node = at.node[key.substr(key.rfind('.') + 1)];
    Fail(Place{at.file, node, key}, problem->message);
  }
}

PollConfig PollOf(const Place& at) {
  MapReader r(at, {"interval", "jitter", "discovery_interval"});
  PollConfig p;
  Read(r, "interval", DurationOf, p.interval);
  auto percent = [](const Place& place) {
    std::string text = ScalarOf(place);
    std::optional<double> value = ParsePercent(text);
    if (!value)
      Fail(place, "expected a percentage from 0% to 100%, such as 10%");
    return *value;
  };
  Read(r, "jitter", percent, p.jitter);
  Read(r, "discovery_interval", DurationOf, p.discovery_interval);
  Check(p.interval >= std::chrono::seconds(1), r, "interval",
        "must be at least 1s");
  Check(p.discovery_interval >= std::chrono::seconds(1), r,
        "discovery_interval", "must be at least 1s");
  return p;
}

WebConfig WebOf(const Place& at) {
  MapReader r(at, {"listen_address"});
  WebConfig web;
  Read(r, "listen_address", NonEmptyOf, web.listen_address);
  try {
    ParseListenAddress(web.listen_address);
  } catch (const BindError& e) {
    Check(false, r, "listen_address", e.what());
  }
  return web;
}

void CheckUniqueLocations(const std::string& file, const YAML::Node& root,
                          const Config& config) {
  std::set<std::string> seen;
  for (size_t o = 0; o < config.orgs.size(); ++o) {
    const OrgConfig& org = config.orgs[o];
    for (size_t l = 0; l < org.locations.size(); ++l) {
      if (seen.insert(org.locations[l].id).second) continue;
      std::string key = "orgs[" + std::to_string(o) + "].locations[" +
                        std::to_string(l) + "].id";
      YAML::Node node = root["orgs"][o]["locations"][l]["id"];
      Fail(Place{file, node, key},
           "duplicate location id \"" + org.locations[l].id + "\"");
    }
  }
}

Config ConfigOf(const std::string& file, const YAML::Node& root) {
  if (!root || root.IsNull()) {
    throw ConfigError(file + ": the file is empty");
  }
  Config config;
  config.path = file;
  std::string top;
  MapReader r(Place{file, root, top},
              {"webex", "poll", "expected", "orgs", "web"});
  Read(r, "webex", WebexOf, config.webex);
  Read(r, "poll", PollOf, config.poll);
  Read(r, "expected", BaselineOf, config.expected);
  auto orgs = [](const Place& p) { return ListOf<OrgConfig>(p, OrgOf); };
  Read(r, "orgs", orgs, config.orgs);
  Read(r, "web", WebOf, config.web);

  std::string webex_key = "webex";
  YAML::Node webex_node = root["webex"] ? root["webex"] : root;
  CheckToken(Place{file, webex_node, webex_key}, config.webex);
  if (config.orgs.empty()) {
    std::string key = "orgs";
    Fail(Place{file, root, key}, "no locations to poll");
  }
  CheckUniqueLocations(file, root, config);
  return config;
}

}  // namespace

Config ParseConfig(const std::string& yaml, const std::string& path) {
  return ConfigOf(path, ParseDocument(yaml, path));
}

Config LoadConfig(const std::string& path) {
  // Room for some 65,000 listed locations (discovery needs no list). The
  // cap is on memory as much as on size: yaml-cpp's node graph takes up
  // to 240 bytes per byte of file (a long list of small numbers), so
  // 8 MiB keeps a load under 2 GB. It also stops --config /dev/zero.
  constexpr size_t kMaxBytes = 8 << 20;
  return ParseConfig(ReadFileText(path, kMaxBytes, "8 MiB"), path);
}

}  // namespace webex
