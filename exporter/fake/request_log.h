// What the fake Webex API saw: every API request and how many overlapped.
#ifndef EXPORTER_FAKE_REQUEST_LOG_H_
#define EXPORTER_FAKE_REQUEST_LOG_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace webex::fake {

struct ApiRequestRecord {
  std::string method;
  std::string path;
  std::string query;
  // Set for Call Park settings requests only.
  std::optional<std::string> location_id;
  // Unix time in seconds, with a fraction.
  double received_at = 0;
  std::string tracking_id;
  // The request carried a bearer token the fake accepted at arrival.
  bool authorized = false;
  // The status sent; 0 while the request is open, and for one that was
  // dropped or hung up without an answer.
  int status = 0;
  // API requests open when this one arrived, this one included.
  int in_flight = 0;
  // "IP:PORT" of the client's end: distinct values are connections.
  std::string peer;
};

struct RequestStats {
  uint64_t requests = 0;
  int in_flight = 0;
  int max_in_flight = 0;
};

// Owns the record of API requests (control requests are not recorded) and
// the count of requests open at once.
//
// Keeps the most recent `capacity` records, so a long benchmark cannot
// exhaust memory. Thread-safe: every method takes an internal lock.
class RequestLog {
 public:
  using Ticket = uint64_t;

  explicit RequestLog(size_t capacity = 100000);

  // Records a request that has just arrived and counts it as open; fills in
  // `record.in_flight`. Every ticket must be passed to Finish() once.
  Ticket Begin(ApiRequestRecord record);

  // Closes the request; `status` is 0 when nothing was sent.
  void Finish(Ticket ticket, int status);

  std::vector<ApiRequestRecord> Records() const;

  // Forgets the records and restarts the counts from the requests still
  // open, so a test can measure one phase on its own.
  void Clear();

  RequestStats Stats() const;

 private:
  struct Entry {
    Ticket ticket;
    ApiRequestRecord record;
  };

  const size_t capacity_;
  mutable std::mutex mutex_;
  // Sorted by ticket, oldest first.
  std::deque<Entry> entries_;
  Ticket next_ticket_ = 1;
  RequestStats stats_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_REQUEST_LOG_H_
