#include "cli/flags.h"

#include <gtest/gtest.h>

#include <vector>

namespace webex {
namespace {

std::variant<Flags, FlagError> Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "webex-callpark-exporter");
  return ParseFlags(static_cast<int>(args.size()), args.data());
}

TEST(FlagsTest, ReadsEveryFlagInBothForms) {
  auto parsed =
      Parse({"--config", "a.yaml", "--web.listen-address=:9000", "--log.level",
             "debug", "--log.format=json", "--check-config", "--once"});
  ASSERT_TRUE(std::holds_alternative<Flags>(parsed));
  Flags f = std::get<Flags>(parsed);
  EXPECT_EQ(f.config_file, "a.yaml");
  EXPECT_EQ(f.listen_address, ":9000");
  EXPECT_EQ(f.log_level, LogLevel::kDebug);
  EXPECT_EQ(f.log_format, LogFormat::kJson);
  EXPECT_TRUE(f.check_config);
  EXPECT_TRUE(f.once);
}

TEST(FlagsTest, ReadsTheShard) {
  auto parsed = Parse({"--config", "a", "--shard", "1", "--total-shards=3"});
  ASSERT_TRUE(std::holds_alternative<Flags>(parsed));
  EXPECT_EQ(std::get<Flags>(parsed).shard, 1u);
  EXPECT_EQ(std::get<Flags>(parsed).total_shards, 3u);
}

TEST(FlagsTest, ReadsTheWebConfigFile) {
  auto parsed = Parse({"--config", "a", "--web.config.file", "web.yml"});
  ASSERT_TRUE(std::holds_alternative<Flags>(parsed));
  EXPECT_EQ(std::get<Flags>(parsed).web_config_file, "web.yml");
  auto unset = Parse({"--config", "a"});
  EXPECT_EQ(std::get<Flags>(unset).web_config_file, "");
}

TEST(FlagsTest, VersionNeedsNoConfig) {
  auto parsed = Parse({"--version"});
  ASSERT_TRUE(std::holds_alternative<Flags>(parsed));
  EXPECT_TRUE(std::get<Flags>(parsed).version);
}

TEST(FlagsTest, RejectsWithAMessage) {
  struct Case {
    std::vector<const char*> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{}, "--config FILE is required"},
           {{"--config"}, "--config: missing value"},
           {{"--config", "a", "--colour", "x"}, "unknown flag --colour"},
           {{"--config", "a", "--bogus"}, "unknown flag --bogus"},
           {{"--config", "a", "stray"}, "unexpected argument \"stray\""},
           {{"--web.listen-address", "--check-config", "--config", "a"},
            "--web.listen-address: missing value"},
           {{"--config", "a", "--log.level", "loud"},
            "--log.level: want debug, info, warn or error"},
           {{"--config", "a", "--log.format=xml"},
            "--log.format: want logfmt or json"},
           {{"--config", "a", "--shard", "2", "--total-shards", "2"},
            "--shard must be below --total-shards (at least 1)"},
           {{"--config", "a", "--shard", "0", "--total-shards", "0"},
            "--shard must be below --total-shards (at least 1)"},
           {{"--config", "a", "--shard", "-1"}, "--shard: want a whole number"},
           {{"--config", "a", "--shard", "0"},
            "--shard and --total-shards go together"},
           {{"--config", "a", "--total-shards", "2"},
            "--shard and --total-shards go together"},
           {{"--config", "a", "--web.config.file="},
            "--web.config.file: want a file name"},
           {{"--config", "a", "--web.config.file"},
            "--web.config.file: missing value"}}) {
    auto parsed = Parse(c.args);
    ASSERT_TRUE(std::holds_alternative<FlagError>(parsed)) << c.message;
    EXPECT_EQ(std::get<FlagError>(parsed).message, c.message);
  }
}

}  // namespace
}  // namespace webex
