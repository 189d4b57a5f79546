#include "util/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace webex {
namespace {

// The kernel's mode, "madvise" from "always [madvise] never".
std::string HugePageMode() {
  std::ifstream file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(file, line);
  size_t open = line.find('[');
  size_t close = line.find(']');
  if (open == std::string::npos || close < open) return "";
  return line.substr(open + 1, close - open - 1);
}

// The kB of huge pages backing the mapping that holds `address`.
long HugePageKbAt(const void* address) {
  auto at = reinterpret_cast<uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t begin = 0;
    uintptr_t end = 0;
    char dash = 0;
    std::istringstream fields(line);
    if (fields >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
      continue;
    }
    long kb = 0;
    if (inside && std::sscanf(line.c_str(), "AnonHugePages: %ld kB", &kb)) {
      return kb;
    }
  }
  return 0;
}

// Where huge pages are given only on request, the advice is what gets
// them; "always" would give them anyway and "never" not at all.
TEST(HugePagesTest, AnAdvisedBufferIsBackedByHugePagesOnceWritten) {
  if (HugePageMode() != "madvise") {
    GTEST_SKIP() << "transparent huge pages are '" << HugePageMode()
                 << "', not 'madvise'";
  }
  std::string buffer;
  buffer.reserve(size_t{16} << 20);
  AdviseHugePages(buffer.data(), buffer.capacity());

  buffer.append(buffer.capacity(), 'x');
  EXPECT_GE(HugePageKbAt(buffer.data() + buffer.size() / 2), 2048);
}

}  // namespace
}  // namespace webex
