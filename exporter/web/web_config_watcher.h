#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/web_config_file.h"
#include "log/logger.h"

namespace webex {

// Re-reads --web.config.file when it, or a certificate, key or CA file it
// names, changes, so that new users and a rotated certificate apply
// without a restart. exporter-toolkit reads the file for every request;
// this looks at the files' identity (device, inode, size, modification
// and change times) once a `period` instead, which costs a few stat calls,
// and loads a change once it has held still for a period. A file that
// fails to load or to apply is logged at error with its message, once per
// change, and the settings running stay.
// Owns one thread; the destructor stops it within a period. `apply` runs
// on that thread, one call at a time.
class WebConfigWatcher {
 public:
  // Applies a freshly loaded file; returns "" or why it could not.
  using Apply = std::function<std::string(const WebConfigFile&)>;

  // `loaded` is what `path` held when the server started with it.
  WebConfigWatcher(std::string path, const WebConfigFile& loaded, Apply apply,
                   Logger& log, std::chrono::milliseconds period);
  ~WebConfigWatcher();

  WebConfigWatcher(const WebConfigWatcher&) = delete;
  WebConfigWatcher& operator=(const WebConfigWatcher&) = delete;

 private:
  void Run();
  void CheckOnce();
  void Reload();
  std::string Stamp() const;

  const std::string path_;
  const Apply apply_;
  Logger& log_;
  const std::chrono::milliseconds period_;
  std::vector<std::string> watched_;  // the files the running config names
  std::string stamp_;                 // their identity, as last loaded
  std::string settling_;              // a newer identity, seen once

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace webex
