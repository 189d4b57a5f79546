#include "exporter/fake/request_log.h"

#include <algorithm>
#include <utility>

namespace webex::fake {

RequestLog::RequestLog(size_t capacity) : capacity_(capacity) {}

RequestLog::Ticket RequestLog::Begin(ApiRequestRecord record) {
  std::lock_guard lock(mutex_);
  ++stats_.requests;
  ++stats_.in_flight;
  stats_.max_in_flight = std::max(stats_.max_in_flight, stats_.in_flight);
  record.in_flight = stats_.in_flight;

  Ticket ticket = next_ticket_++;
  entries_.push_back({ticket, std::move(record)});
  if (entries_.size() > capacity_) entries_.pop_front();
  return ticket;
}

void RequestLog::Finish(Ticket ticket, int status) {
  std::lock_guard lock(mutex_);
  --stats_.in_flight;

  // The record may be gone: cleared, or pushed out by newer ones.
  auto found = std::lower_bound(
      entries_.begin(), entries_.end(), ticket,
      [](const Entry& entry, Ticket wanted) { return entry.ticket < wanted; });
  if (found != entries_.end() && found->ticket == ticket) {
    found->record.status = status;
  }
}

std::vector<ApiRequestRecord> RequestLog::Records() const {
  std::lock_guard lock(mutex_);
  std::vector<ApiRequestRecord> records;
  records.reserve(entries_.size());
  for (const Entry& entry : entries_) records.push_back(entry.record);
  return records;
}

void RequestLog::Clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  stats_.requests = 0;
  stats_.max_in_flight = stats_.in_flight;
}

RequestStats RequestLog::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace webex::fake
