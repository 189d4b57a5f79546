#include "webex/token_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace webex {
namespace {

namespace fs = std::filesystem;

TEST(StaticTokenSourceTest, ReadsTheFileAtEveryCallAndOffersAReplacement) {
  fs::path file =
      fs::temp_directory_path() / ("static-token-" + std::to_string(getpid()));
  std::ofstream(file) << "FIRST\n";
  WebexConfig webex;
  webex.token_file = file.string();
  StaticTokenSource source(webex);
  Clock::TimePoint deadline{};

  EXPECT_EQ(std::get<std::string>(source.Current(deadline)), "FIRST");
  // Refused, and nothing new in the file: nothing to retry with.
  EXPECT_EQ(source.Renewed("FIRST", deadline), std::nullopt);

  std::ofstream(file) << "SECOND\n";
  EXPECT_EQ(source.Renewed("FIRST", deadline), "SECOND");
  EXPECT_EQ(std::get<std::string>(source.Current(deadline)), "SECOND");

  fs::remove(file);
  EXPECT_TRUE(std::holds_alternative<TokenProblem>(source.Current(deadline)));
  EXPECT_EQ(source.Renewed("SECOND", deadline), std::nullopt);
}

}  // namespace
}  // namespace webex
