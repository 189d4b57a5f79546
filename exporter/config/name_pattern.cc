#include "config/name_pattern.h"

namespace webex {

std::unique_ptr<re2::RE2> CompileNamePattern(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // the loader reports them, with the line
  return std::make_unique<re2::RE2>(pattern, options);
}

}  // namespace webex
