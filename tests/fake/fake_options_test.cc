#include "exporter/fake/fake_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace webex::fake {
namespace {

CommandLine Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "webex-fake-api");
  return ParseCommandLine(static_cast<int>(args.size()), args.data());
}

TEST(FakeOptionsTest, DefaultsMatchTheDocumentation) {
  CommandLine command_line = Parse({});

  EXPECT_EQ(command_line.options.listen, "127.0.0.1:0");
  EXPECT_EQ(command_line.options.locations, 5);
  EXPECT_EQ(command_line.options.seed, 1u);
  EXPECT_EQ(command_line.options.threads, 128);
  EXPECT_TRUE(command_line.options.tokens.empty());
  EXPECT_FALSE(command_line.port_file.has_value());
}

TEST(FakeOptionsTest, ReadsEveryFlagInBothSpellings) {
  CommandLine command_line = Parse({"--listen=127.0.0.1:9999",
                                    "--token",
                                    "a",
                                    "--token=b",
                                    "--org-id",
                                    "ORG",
                                    "--locations",
                                    "12",
                                    "--seed=7",
                                    "--latency-ms",
                                    "20",
                                    "--threads",
                                    "200",
                                    "--close-after=5",
                                    "--port-file",
                                    "/tmp/p",
                                    "--client-id",
                                    "c",
                                    "--client-secret",
                                    "s",
                                    "--refresh-token",
                                    "r",
                                    "--token-ttl",
                                    "60",
                                    "--rotate-refresh-token"});
  const FakeOptions& options = command_line.options;

  EXPECT_EQ(options.listen, "127.0.0.1:9999");
  EXPECT_EQ(options.tokens, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(options.org_id, "ORG");
  EXPECT_EQ(options.locations, 12);
  EXPECT_EQ(options.seed, 7u);
  EXPECT_EQ(options.latency.count(), 20);
  EXPECT_EQ(options.threads, 200);
  EXPECT_EQ(options.close_after, 5);
  EXPECT_EQ(command_line.port_file, "/tmp/p");
  EXPECT_EQ(options.oauth.client_id, "c");
  EXPECT_EQ(options.oauth.client_secret, "s");
  EXPECT_EQ(options.oauth.refresh_token, "r");
  EXPECT_EQ(options.oauth.access_token_ttl.count(), 60);
  EXPECT_TRUE(options.oauth.rotate_refresh_token);
}

TEST(FakeOptionsTest, ReadsTokensFromAFile) {
  std::string path =
      ::testing::TempDir() + "fake_tokens_" + std::to_string(getpid());
  std::ofstream(path) << "first\n\n  second \n";

  CommandLine command_line = Parse({"--token-file", path.c_str()});
  std::remove(path.c_str());

  EXPECT_EQ(command_line.options.tokens,
            (std::vector<std::string>{"first", "second"}));
}

TEST(FakeOptionsTest, RejectsUnknownFlagsAndBadNumbers) {
  EXPECT_THROW(Parse({"--nope"}), std::invalid_argument);
  EXPECT_THROW(Parse({"--locations", "many"}), std::invalid_argument);
  EXPECT_THROW(Parse({"--threads", "0"}), std::invalid_argument);
  EXPECT_THROW(Parse({"--close-after", "-1"}), std::invalid_argument);
  EXPECT_THROW(Parse({"--token"}), std::invalid_argument);
  EXPECT_THROW(Parse({"--token-file", "/nonexistent/tokens"}),
               std::invalid_argument);
}

}  // namespace
}  // namespace webex::fake
