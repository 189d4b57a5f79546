#include "util/huge_pages.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
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
  // Fresh pages from mmap: a malloc'd buffer may reuse pages already
  // touched (glibc raises its mmap threshold after large frees), and
  // advice does not change pages that are already there.
  constexpr size_t kSize = size_t{16} << 20;
  void* region = mmap(nullptr, kSize, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(region, MAP_FAILED);
  auto* bytes = static_cast<char*>(region);
  AdviseHugePages(bytes + 1, kSize - 1);  // rounded inwards to whole pages

  std::memset(bytes, 'x', kSize);
  EXPECT_GE(HugePageKbAt(bytes + kSize / 2), 2048);
  munmap(region, kSize);
}

}  // namespace
}  // namespace webex
