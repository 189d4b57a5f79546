#include "exporter/fake/connection_quota.h"

namespace webex::fake {

namespace {
constexpr size_t kMaxTracked = 65536;
}  // namespace

ConnectionQuota::ConnectionQuota(int requests_per_connection)
    : limit_(requests_per_connection) {}

bool ConnectionQuota::Spend(const std::string& peer) {
  if (limit_ <= 0) return false;

  std::lock_guard lock(mutex_);
  if (counts_.size() >= kMaxTracked) counts_.clear();
  int& count = counts_[peer];
  if (++count < limit_) return false;

  counts_.erase(peer);
  return true;
}

}  // namespace webex::fake
