#pragma once

#include <cstdio>
#include <string>

namespace webex::testing {

// A temporary file to hand to a Logger, and what was written to it.
class CapturedFile {
 public:
  CapturedFile() : file_(std::tmpfile()) {}
  ~CapturedFile() { std::fclose(file_); }

  CapturedFile(const CapturedFile&) = delete;
  CapturedFile& operator=(const CapturedFile&) = delete;

  std::FILE* file() { return file_; }

  std::string Text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string text;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) {
      text.append(buffer, n);
    }
    return text;
  }

 private:
  std::FILE* file_;
};

}  // namespace webex::testing
