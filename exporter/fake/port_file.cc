#include "exporter/fake/port_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace webex::fake {

void WritePortFile(const std::string& path, int port) {
  // Beside the target, so that the rename stays within one file system.
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << port << '\n';
    file.close();
    if (!file) {
      throw std::runtime_error("cannot write port file " + temporary);
    }
  }

  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write port file " + path + ": " + reason);
  }
}

}  // namespace webex::fake
