#include "web/web_config_watcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "unit/support/bcrypt_hash.h"
#include "unit/support/captured_file.h"
#include "unit/support/test_dir.h"
#include "unit/support/throwaway_pki.h"

namespace webex {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kPeriod{20};

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

class WebConfigWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TestDir("webex-watch");
    path_ = (dir_ / "web.yml").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& yaml) { std::ofstream(path_) << yaml; }

  std::string Users(const std::string& user) {
    return "basic_auth_users:\n  " + user + ": " + testing::HashOf("pw") + "\n";
  }

  // Starts a watcher on the file as it is now; applied files land in
  // applied_, and `error` is what each apply answers.
  std::unique_ptr<WebConfigWatcher> Watch(std::string error = "") {
    auto apply = [this, error](const WebConfigFile& file) {
      std::lock_guard<std::mutex> lock(mutex_);
      applied_.push_back(file);
      return error;
    };
    return std::make_unique<WebConfigWatcher>(path_, LoadWebConfigFile(path_),
                                              apply, log_, kPeriod);
  }

  size_t Applied() {
    std::lock_guard<std::mutex> lock(mutex_);
    return applied_.size();
  }

  // Waits, for two seconds at most, until `done` holds.
  template <typename Done>
  bool Eventually(Done done) {
    for (int i = 0; i < 200; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return done();
  }

  fs::path dir_;
  std::string path_;
  testing::CapturedFile out_;
  Logger log_{LogLevel::kInfo, LogFormat::kLogfmt, out_.file()};
  std::mutex mutex_;
  std::vector<WebConfigFile> applied_;  // guarded by mutex_
};

TEST_F(WebConfigWatcherTest, AChangedFileIsLoadedAndApplied) {
  Write(Users("alice"));
  auto watcher = Watch();
  Write(Users("alice") + "  bob: " + testing::HashOf("pw") + "\n");
  ASSERT_TRUE(Eventually([&] { return Applied() == 1; }));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    EXPECT_EQ(applied_[0].basic_auth_users.count("bob"), 1u);
  }
  watcher.reset();
  EXPECT_NE(out_.Text().find("level=info msg=\"web config reloaded\" "
                             "web_config=" +
                             path_ + " tls=off basic_auth=on"),
            std::string::npos)
      << out_.Text();
}

TEST_F(WebConfigWatcherTest, AnUnchangedFileIsNotAppliedAgain) {
  Write(Users("alice"));
  auto watcher = Watch();
  std::this_thread::sleep_for(kPeriod * 10);
  EXPECT_EQ(Applied(), 0u);
}

TEST_F(WebConfigWatcherTest, AnInvalidChangeIsLoggedOnceAndNotApplied) {
  Write(Users("alice"));
  auto watcher = Watch();
  Write("basic_auth_users:\n  alice: not-a-hash\n");
  ASSERT_TRUE(Eventually([&] {
    return out_.Text().find("web config reload rejected") != std::string::npos;
  }));
  std::this_thread::sleep_for(kPeriod * 10);
  watcher.reset();
  std::string log = out_.Text();
  EXPECT_EQ(Count(log, "msg=\"web config reload rejected\""), 1u) << log;
  EXPECT_NE(log.find("level=error"), std::string::npos);
  EXPECT_NE(log.find(path_ + ":2:10: basic_auth_users.alice: is not a bcrypt"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("not-a-hash"), std::string::npos) << log;
  EXPECT_EQ(Applied(), 0u);
}

// A writer that truncates and rewrites leaves an empty file (valid: no
// security) for a moment; no such moment may be applied.
TEST_F(WebConfigWatcherTest, AFileStillChangingIsNotApplied) {
  Write(Users("alice"));
  constexpr std::chrono::milliseconds kSlowPeriod{100};
  auto apply = [this](const WebConfigFile& file) {
    std::lock_guard<std::mutex> lock(mutex_);
    applied_.push_back(file);
    return std::string();
  };
  WebConfigWatcher watcher(path_, LoadWebConfigFile(path_), apply, log_,
                           kSlowPeriod);
  // Ten changes a period, for five periods; then the file holds still.
  for (int i = 0; i < 50; ++i) {
    Write(i % 2 ? "" : "basic_auth_users:\n");
    std::this_thread::sleep_for(kSlowPeriod / 10);
  }
  Write(Users("bob"));
  ASSERT_TRUE(Eventually([&] { return Applied() > 0; }));
  std::lock_guard<std::mutex> lock(mutex_);
  ASSERT_EQ(applied_.size(), 1u);
  EXPECT_EQ(applied_[0].basic_auth_users.count("bob"), 1u);
}

TEST_F(WebConfigWatcherTest, ARefusedApplyIsLoggedWithItsReason) {
  Write(Users("alice"));
  auto watcher = Watch("the new daemon did not start");
  Write(Users("bob"));
  ASSERT_TRUE(Eventually([&] {
    return out_.Text().find("the new daemon did not start") !=
           std::string::npos;
  }));
  EXPECT_NE(out_.Text().find("level=error msg=\"web config reload rejected\""),
            std::string::npos);
}

TEST_F(WebConfigWatcherTest, ARotatedCertificateIsNoticedThoughTheFileIsNot) {
  testing::ThrowawayPki pki(dir_);
  ASSERT_TRUE(pki.ok());
  Write(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
  auto watcher = Watch();

  // Both files change, one after the other, as a renewal writes them.
  ASSERT_TRUE(pki.MakeServer("server"));
  std::ifstream in(pki.server_cert());
  std::string renewed((std::istreambuf_iterator<char>(in)), {});
  ASSERT_TRUE(Eventually([&] {
    std::lock_guard<std::mutex> lock(mutex_);
    return !applied_.empty() && applied_.back().tls &&
           applied_.back().tls->cert_pem == renewed;
  }));
}

}  // namespace
}  // namespace webex
