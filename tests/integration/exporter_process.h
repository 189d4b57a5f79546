#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace webex::testing {

// The exporter binary running as a child process, its stdout and stderr
// captured to files, its address space limited to `address_space_bytes`
// when that is set. The destructor kills it (by its own PID) if it is
// still running.
class ExporterProcess {
 public:
  ExporterProcess(const std::vector<std::string>& args,
                  const std::string& work_dir,
                  std::optional<size_t> address_space_bytes = std::nullopt);
  ~ExporterProcess();

  // Waits up to `timeout` for the "listening" log line; returns the port.
  std::optional<int> WaitForPort(std::chrono::milliseconds timeout);

  void Signal(int signal);

  // Waits up to `timeout` for exit; the exit code, or nullopt on timeout
  // or death by signal.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

  std::string Stdout() const;
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string stdout_path_;
  std::string stderr_path_;
};

// Runs the exporter to completion (bounded by `timeout`, killed after).
struct RunResult {
  std::optional<int> code;
  std::string out;
  std::string err;
};
RunResult RunExporter(const std::vector<std::string>& args,
                      const std::string& work_dir,
                      std::chrono::milliseconds timeout,
                      std::optional<size_t> address_space_bytes = std::nullopt);

}  // namespace webex::testing
