#include "log/logger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <string>

#include "unit/support/captured_file.h"

namespace webex {
namespace {

using Captured = testing::CapturedFile;

TEST(LoggerTest, WritesLogfmtWithFixedKeysFirst) {
  Captured out;
  Logger log(LogLevel::kInfo, LogFormat::kLogfmt, out.file());
  log.Warn("location poll failing",
           {{"location_id", "L1"}, {"err", "say \"hi\"\nnow"}, {"n", ""}});
  std::string line = out.Text();
  EXPECT_TRUE(std::regex_search(
      line,
      std::regex("^ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                 "level=warn ")))
      << line;
  EXPECT_NE(line.find(" msg=\"location poll failing\" location_id=L1 "
                      "err=\"say \\\"hi\\\"\\nnow\" n=\"\"\n"),
            std::string::npos)
      << line;
}

TEST(LoggerTest, WritesJsonObjects) {
  Captured out;
  Logger log(LogLevel::kDebug, LogFormat::kJson, out.file());
  log.Info("hello", {{"k", "a\"b\\c\x01"}});
  std::string line = out.Text();
  EXPECT_EQ(line.front(), '{');
  EXPECT_NE(line.find(R"("level":"info","msg":"hello","k":"a\"b\\c\u0001"})"
                      "\n"),
            std::string::npos)
      << line;
}

TEST(LoggerTest, DropsLinesBelowItsLevel) {
  Captured out;
  Logger log(LogLevel::kWarn, LogFormat::kLogfmt, out.file());
  log.Info("quiet");
  log.Debug("quieter");
  log.Error("loud");
  std::string text = out.Text();
  EXPECT_EQ(text.find("quiet"), std::string::npos);
  EXPECT_NE(text.find("msg=loud"), std::string::npos);
}

TEST(LoggerTest, ParsesLevelsAndFormats) {
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("warn"), LogLevel::kWarn);
  EXPECT_EQ(ParseLogLevel("WARN"), std::nullopt);
  EXPECT_EQ(ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(ParseLogFormat("text"), std::nullopt);
}

}  // namespace
}  // namespace webex
