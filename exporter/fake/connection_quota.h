// How many requests the fake answers on one client connection (--close-after).
#ifndef EXPORTER_FAKE_CONNECTION_QUOTA_H_
#define EXPORTER_FAKE_CONNECTION_QUOTA_H_

#include <mutex>
#include <string>
#include <unordered_map>

namespace webex::fake {

// Counts requests per client connection, keyed by the peer's address and
// port, so that the fake can behave like servers that close a keep-alive
// connection after N requests (nginx's keepalive_requests, many proxies).
//
// A client that closes a connection early leaves its count behind until
// its port comes back; the table is emptied once it holds 65,536 entries,
// which bounds its memory at the cost of one late close. Thread-safe.
class ConnectionQuota {
 public:
  // 0 turns the quota off: every connection may stay open.
  explicit ConnectionQuota(int requests_per_connection);

  // Counts one request from `peer`; true when the answer to it must be the
  // connection's last.
  bool Spend(const std::string& peer);

 private:
  const int limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, int> counts_;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_CONNECTION_QUOTA_H_
