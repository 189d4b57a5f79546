#include "exporter/fake/request_log.h"

#include <gtest/gtest.h>

namespace webex::fake {
namespace {

TEST(RequestLogTest, CountsOverlappingRequests) {
  RequestLog log;
  RequestLog::Ticket first = log.Begin({});
  RequestLog::Ticket second = log.Begin({});
  log.Finish(first, 200);
  RequestLog::Ticket third = log.Begin({});
  log.Finish(second, 503);
  log.Finish(third, 0);

  std::vector<ApiRequestRecord> records = log.Records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].in_flight, 1);
  EXPECT_EQ(records[1].in_flight, 2);
  EXPECT_EQ(records[2].in_flight, 2);
  EXPECT_EQ(records[1].status, 503);
  RequestStats stats = log.Stats();
  EXPECT_EQ(stats.requests, 3u);
  EXPECT_EQ(stats.in_flight, 0);
  EXPECT_EQ(stats.max_in_flight, 2);
}

TEST(RequestLogTest, ClearRestartsFromTheRequestsStillOpen) {
  RequestLog log;
  RequestLog::Ticket open = log.Begin({});
  log.Finish(log.Begin({}), 200);

  log.Clear();
  log.Finish(open, 200);

  EXPECT_TRUE(log.Records().empty());
  EXPECT_EQ(log.Stats().requests, 0u);
  EXPECT_EQ(log.Stats().max_in_flight, 1);
}

TEST(RequestLogTest, KeepsOnlyTheNewestRecords) {
  RequestLog log(2);
  for (int status = 1; status <= 3; ++status) log.Finish(log.Begin({}), status);

  std::vector<ApiRequestRecord> records = log.Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].status, 2);
  EXPECT_EQ(log.Stats().requests, 3u);
}

}  // namespace
}  // namespace webex::fake
