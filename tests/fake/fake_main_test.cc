// The webex-fake-api program: port file, log line, prompt exit on SIGTERM.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "exporter/fake/location_generator.h"
#include "http_client.h"

extern char** environ;

namespace webex::fake::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs the program with stderr in a file; kills it (by its own PID) if the
// test ends while it still runs.
class FakeProcess {
 public:
  explicit FakeProcess(const std::string& dir)
      : port_file_(dir + "port"), log_file_(dir + "stderr") {
    std::remove(port_file_.c_str());
    std::vector<std::string> args = {WEBEX_FAKE_API_BINARY, "--token", "t1",
                                     "--port-file", port_file_};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_file_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) !=
        0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
  }

  ~FakeProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

  pid_t pid() const { return pid_; }

  // The port from the port file, polled for up to five seconds.
  std::optional<int> WaitForPort() {
    for (int i = 0; i < 100; ++i) {
      std::string text = ReadFile(port_file_);
      if (!text.empty()) return std::stoi(text);
      std::this_thread::sleep_for(milliseconds(50));
    }
    return std::nullopt;
  }

  // The exit status, polled for up to three seconds.
  std::optional<int> WaitForExit() {
    for (int i = 0; i < 300; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return std::nullopt;
  }

  std::string Log() const { return ReadFile(log_file_); }

 private:
  std::string port_file_;
  std::string log_file_;
  pid_t pid_ = -1;
};

TEST(FakeMainTest, WritesThePortAndExitsPromptlyOnSigterm) {
  FakeProcess process(::testing::TempDir() + "fake_main_" +
                      std::to_string(getpid()) + "_");
  ASSERT_GT(process.pid(), 0);
  std::optional<int> port = process.WaitForPort();
  ASSERT_TRUE(port.has_value()) << process.Log();
  std::string authority = "127.0.0.1:" + std::to_string(*port);
  std::string settings = "http://" + authority +
                         "/v1/telephony/config/locations/" +
                         FirstLocation().id + "/callParks/settings";

  EXPECT_EQ(Get(settings, {"Authorization: Bearer t1"}).status, 200);
  EXPECT_THAT(process.Log(),
              HasSubstr("msg=\"listening\" address=" + authority));

  HttpRequest hang;
  hang.method = "POST";
  hang.url = "http://" + authority + "/_fake/faults";
  hang.body = R"([{"hang":true}])";
  ASSERT_EQ(Send(hang).status, 200);
  std::future<HttpResult> hung = std::async(std::launch::async, [&] {
    HttpRequest request;
    request.url = settings;
    request.headers = {"Authorization: Bearer t1"};
    request.timeout = milliseconds(5000);
    return Send(request);
  });
  std::this_thread::sleep_for(milliseconds(200));

  steady_clock::time_point start = steady_clock::now();
  kill(process.pid(), SIGTERM);
  std::optional<int> exit_status = process.WaitForExit();

  ASSERT_TRUE(exit_status.has_value()) << "still running after SIGTERM";
  EXPECT_EQ(*exit_status, 0);
  EXPECT_LT(steady_clock::now() - start, milliseconds(1000));
  EXPECT_NE(hung.get().curl_code, CURLE_OK);
}

}  // namespace
}  // namespace webex::fake::testing
