#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace webex::testing {

// A fresh directory under the system's temporary one, named after
// `prefix`, this process and the running test, so that parallel runs
// never share one. The caller removes it.
inline std::filesystem::path TestDir(const std::string& prefix) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      (prefix + "-" + std::to_string(getpid()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace webex::testing
