#include "config/secret_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace webex {
namespace {

namespace fs = std::filesystem;

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("secret-file-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  mode_t ModeOf(const fs::path& path) {
    struct stat info {};
    stat(path.c_str(), &info);
    return info.st_mode & 07777;
  }

  std::vector<std::string> Names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST_F(SecretFileTest, ReadDropsSurroundingWhiteSpace) {
  std::ofstream(dir_ / "secret") << "  abc.DEF-123\n\n";
  auto read = ReadSecretFile((dir_ / "secret").string(), "client secret file");
  EXPECT_EQ(std::get<std::string>(read), "abc.DEF-123");
}

TEST_F(SecretFileTest, ReadNamesWhatIsWrongButNeverTheSecret) {
  std::ofstream(dir_ / "blank") << " \n";
  std::ofstream(dir_ / "spaced") << "two words\n";
  auto blank = ReadSecretFile((dir_ / "blank").string(), "refresh token file");
  auto spaced = ReadSecretFile((dir_ / "spaced").string(), "secret file");

  EXPECT_EQ(std::get<TokenProblem>(blank).message,
            "refresh token file " + (dir_ / "blank").string() + " is empty");
  std::string message = std::get<TokenProblem>(spaced).message;
  EXPECT_EQ(message, "secret file " + (dir_ / "spaced").string() +
                         " holds characters a token cannot have");
}

TEST_F(SecretFileTest, ReplaceKeepsThePermissionBitsAndLeavesNoTemporary) {
  fs::path path = dir_ / "refresh";
  std::ofstream(path) << "old-token\n";
  chmod(path.c_str(), 0640);

  EXPECT_EQ(ReplaceFileAtomically(path.string(), "new-token\n"), std::nullopt);
  EXPECT_EQ(Read(path), "new-token\n");
  EXPECT_EQ(ModeOf(path), 0640u);
  EXPECT_EQ(Names(), std::vector<std::string>{"refresh"});
}

TEST_F(SecretFileTest, ReplaceCreatesAMissingFileForTheOwnerOnly) {
  fs::path path = dir_ / "new";
  EXPECT_EQ(ReplaceFileAtomically(path.string(), "token\n"), std::nullopt);
  EXPECT_EQ(Read(path), "token\n");
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST_F(SecretFileTest, ReplaceWritesThroughASymbolicLinkAndKeepsIt) {
  fs::create_directories(dir_ / "real");
  std::ofstream(dir_ / "real" / "refresh") << "old\n";
  fs::create_symlink(dir_ / "real" / "refresh", dir_ / "link");

  EXPECT_EQ(ReplaceFileAtomically((dir_ / "link").string(), "new\n"),
            std::nullopt);
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));
  EXPECT_EQ(Read(dir_ / "real" / "refresh"), "new\n");
  EXPECT_EQ(Names(), (std::vector<std::string>{"link", "real"}));
}

TEST_F(SecretFileTest, AFailedReplaceNamesThePathNotTheText) {
  fs::path path = dir_ / "gone" / "refresh";
  std::optional<std::string> problem =
      ReplaceFileAtomically(path.string(), "very-secret-token\n");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find((dir_ / "gone").string()), std::string::npos)
      << *problem;
  EXPECT_EQ(problem->find("very-secret-token"), std::string::npos);
  EXPECT_TRUE(Names().empty());
}

TEST_F(SecretFileTest, AFailedRenameLeavesTheOldFileAndNoTemporary) {
  // A directory in the file's place cannot be renamed over.
  fs::create_directories(dir_ / "refresh" / "inside");
  std::optional<std::string> problem =
      ReplaceFileAtomically((dir_ / "refresh").string(), "new\n");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("rename"), std::string::npos) << *problem;
  EXPECT_TRUE(fs::is_directory(dir_ / "refresh" / "inside"));
  EXPECT_EQ(Names(), std::vector<std::string>{"refresh"});
}

}  // namespace
}  // namespace webex
