// Everything the fake Webex API's request handlers share.
#ifndef EXPORTER_FAKE_FAKE_STATE_H_
#define EXPORTER_FAKE_FAKE_STATE_H_

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "exporter/fake/connection_quota.h"
#include "exporter/fake/fault_plan.h"
#include "exporter/fake/location_directory.h"
#include "exporter/fake/request_log.h"
#include "exporter/fake/stop_signal.h"
#include "exporter/fake/token_store.h"

namespace webex::fake {

// Owned by FakeWebexApi and handed by reference to its route handlers. The
// constant fields are set before the server starts; every member object is
// thread-safe on its own, and no handler needs two of them consistent with
// each other, so there is no lock over the whole.
struct FakeState {
  FakeState(std::string org, std::vector<FakeLocation> initial_locations,
            std::vector<std::string> accepted_tokens, OAuthClient oauth,
            std::chrono::milliseconds added_latency,
            int requests_per_connection)
      : org_id(std::move(org)),
        latency(added_latency),
        connections(requests_per_connection),
        locations(std::move(initial_locations)),
        tokens(std::move(accepted_tokens), std::move(oauth)) {}

  const std::string org_id;
  // Added to every API answer.
  const std::chrono::milliseconds latency;
  ConnectionQuota connections;
  LocationDirectory locations;
  TokenStore tokens;
  FaultPlan faults;
  RequestLog requests;
  StopSignal stop;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_FAKE_STATE_H_
