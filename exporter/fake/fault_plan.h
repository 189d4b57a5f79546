// Scripted misbehaviour for the fake Webex API's endpoints.
#ifndef EXPORTER_FAKE_FAULT_PLAN_H_
#define EXPORTER_FAKE_FAULT_PLAN_H_

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace webex::fake {

// What the fake does instead of, or on top of, its normal answer to one
// request. Every field is optional:
// - `status` and/or `body` replace the answer: a status without a body gets
//   a Webex-style error body, a body without a status is sent with 200;
// - `headers` are added to whatever is sent, replacing same-named ones;
// - `delay` waits before anything else happens;
// - `drop` closes the connection without answering;
// - `hang` answers never: the request stays open until the client leaves or
//   the fake stops;
// - `trickle` sends the body one byte per interval.
// A step with only delay, headers or trickle modifies the normal answer.
struct FaultStep {
  std::optional<int> status;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  std::chrono::milliseconds delay{0};
  bool drop = false;
  bool hang = false;
  std::chrono::milliseconds trickle{0};

  bool ReplacesAnswer() const { return status.has_value() || body.has_value(); }
};

// Owns one sequence of fault steps per scope and hands them out one per
// request, in order; an exhausted scope answers normally again.
//
// Scopes are plain strings built by the static helpers below, so that the
// caller can say which scopes a request consults and in which order.
//
// Thread-safe: every method takes an internal lock.
class FaultPlan {
 public:
  // Every Call Park settings request, before the per-location scope.
  static std::string AllLocationsScope();
  // Call Park settings requests for one location.
  static std::string LocationScope(std::string_view location_id);
  // Requests to an endpoint by the exporter's `endpoint` label name:
  // "locations" (both list endpoints) or "access_token".
  static std::string EndpointScope(std::string_view endpoint);

  // Replaces the unconsumed steps of `scope` with `steps`.
  void Set(const std::string& scope, std::vector<FaultStep> steps);

  void Clear(const std::string& scope);

  // Removes and returns the next step of the first of `scopes` that has
  // one left; nullopt means answer normally.
  std::optional<FaultStep> Take(const std::vector<std::string>& scopes);

 private:
  std::mutex mutex_;
  std::map<std::string, std::deque<FaultStep>, std::less<>> steps_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_FAULT_PLAN_H_
