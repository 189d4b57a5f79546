#include "exporter_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace webex::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ExporterProcess::ExporterProcess(const std::vector<std::string>& args,
                                 const std::string& work_dir,
                                 std::optional<size_t> address_space_bytes) {
  static int sequence = 0;
  std::string tag = std::to_string(getpid()) + "-" + std::to_string(++sequence);
  stdout_path_ = work_dir + "/exporter-" + tag + ".out";
  stderr_path_ = work_dir + "/exporter-" + tag + ".err";

  std::vector<std::string> argv_storage = {WEBEX_EXPORTER_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ == 0) {
    int out = open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    if (address_space_bytes) {
      rlimit limit{*address_space_bytes, *address_space_bytes};
      if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(126);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
}

ExporterProcess::~ExporterProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::optional<int> ExporterProcess::WaitForPort(
    std::chrono::milliseconds timeout) {
  static const std::regex listening("msg=listening .*port=([0-9]+)");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    std::string err = Stderr();
    if (std::regex_search(err, match, listening)) {
      return std::stoi(match[1]);
    }
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      exited_ = true;
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

void ExporterProcess::Signal(int signal) {
  if (pid_ > 0 && !exited_) kill(pid_, signal);
}

std::optional<int> ExporterProcess::Wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string ExporterProcess::Stdout() const { return ReadAll(stdout_path_); }
std::string ExporterProcess::Stderr() const { return ReadAll(stderr_path_); }

RunResult RunExporter(const std::vector<std::string>& args,
                      const std::string& work_dir,
                      std::chrono::milliseconds timeout,
                      std::optional<size_t> address_space_bytes) {
  ExporterProcess process(args, work_dir, address_space_bytes);
  RunResult result;
  result.code = process.Wait(timeout);
  result.out = process.Stdout();
  result.err = process.Stderr();
  return result;
}

}  // namespace webex::testing
