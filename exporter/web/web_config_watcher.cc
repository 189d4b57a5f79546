#include "web/web_config_watcher.h"

#include <sys/stat.h>

#include <utility>

namespace webex {
namespace {

// What tells one version of a file from the next; "-" when it is absent.
std::string IdentityOf(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "-";
  auto ns = [](const timespec& t) {
    return std::to_string(t.tv_sec) + "." + std::to_string(t.tv_nsec);
  };
  return std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
         std::to_string(info.st_size) + ":" + ns(info.st_mtim) + ":" +
         ns(info.st_ctim);
}

const char* OnOff(bool on) { return on ? "on" : "off"; }

}  // namespace

WebConfigWatcher::WebConfigWatcher(std::string path,
                                   const WebConfigFile& loaded, Apply apply,
                                   Logger& log,
                                   std::chrono::milliseconds period)
    : path_(std::move(path)),
      apply_(std::move(apply)),
      log_(log),
      period_(period),
      watched_(FilesNamedBy(loaded)) {
  stamp_ = Stamp();
  thread_ = std::thread([this] { Run(); });
}

WebConfigWatcher::~WebConfigWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WebConfigWatcher::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    CheckOnce();
    lock.lock();
  }
}

// A file is loaded once it has looked the same twice, a period apart, so
// that one caught half-written (an empty file is valid, and means no
// security at all) is not applied. Its version is remembered even if it
// fails, so that a failure is logged once.
void WebConfigWatcher::CheckOnce() {
  std::string stamp = Stamp();
  if (stamp == stamp_) {
    settling_.clear();
    return;
  }
  if (stamp != settling_) {
    settling_ = stamp;
    return;
  }
  stamp_ = stamp;
  settling_.clear();
  Reload();
}

void WebConfigWatcher::Reload() {
  try {
    WebConfigFile file = LoadWebConfigFile(path_);
    if (std::string error = apply_(file); !error.empty()) {
      log_.Error("web config reload rejected",
                 {{"web_config", path_}, {"err", error}});
      return;
    }
    watched_ = FilesNamedBy(file);
    stamp_ = Stamp();
    log_.Info("web config reloaded",
              {{"web_config", path_},
               {"tls", OnOff(file.tls.has_value())},
               {"basic_auth", OnOff(!file.basic_auth_users.empty())}});
  } catch (const ConfigError& e) {
    log_.Error("web config reload rejected",
               {{"web_config", path_}, {"err", e.what()}});
  }
}

std::string WebConfigWatcher::Stamp() const {
  std::string stamp = IdentityOf(path_);
  for (const std::string& file : watched_) stamp += ";" + IdentityOf(file);
  return stamp;
}

}  // namespace webex
