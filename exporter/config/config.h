#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/duration.h"

namespace webex {

// Intended settings of a location. Each field that is set becomes a
// webex_callpark_drift series; unset fields export nothing.
struct Baseline {
  std::optional<int64_t> recall_time;
  std::optional<int64_t> hunt_wait_time;
  std::optional<std::string> option;
  std::optional<std::string> ring_pattern;
  std::optional<std::string> hunt_group_id;

  // Fields set in `specific` win over this one's.
  Baseline MergedWith(const Baseline& specific) const;
  bool operator==(const Baseline&) const = default;
};

struct LocationConfig {
  std::string id;
  std::string name;  // empty: use the id
  Baseline expected;
};

struct OrgConfig {
  std::string id;         // empty: the token's own org
  bool discover = false;  // list the org's Calling locations through the API
  std::string include;    // ECMAScript regex on discovered names; empty: all
  std::string exclude;    // ECMAScript regex on discovered names; empty: none
  std::vector<LocationConfig> locations;
  Baseline expected;
};

// An integration's (or service app's) credentials, for renewing the
// access token with the refresh grant. The two files are re-read at each
// renewal; a rotated refresh token is written back to its file.
struct OAuthConfig {
  std::string client_id;
  std::string client_secret_file;
  std::string refresh_token_file;

  bool operator==(const OAuthConfig&) const = default;
};

struct WebexConfig {
  std::string base_url = "https://webexapis.com/v1";
  // Exactly one of the three token sources is set.
  std::string token_file;
  std::string token_env;
  std::optional<OAuthConfig> oauth;
  Duration timeout = std::chrono::seconds(10);
  int max_concurrency = 8;
  double requests_per_second = 5;  // 0 turns the limit off
  int max_retries = 3;

  bool operator==(const WebexConfig&) const = default;
};

struct PollConfig {
  Duration interval = std::chrono::minutes(5);
  double jitter = 0.1;  // fraction of the interval
  Duration discovery_interval = std::chrono::hours(1);

  bool operator==(const PollConfig&) const = default;
};

struct WebConfig {
  std::string listen_address = "127.0.0.1:9877";

  bool operator==(const WebConfig&) const = default;
};

// The whole configuration file, validated. Plain data: copy freely.
struct Config {
  std::string path;
  WebexConfig webex;
  PollConfig poll;
  Baseline expected;
  std::vector<OrgConfig> orgs;
  WebConfig web;
};

}  // namespace webex
