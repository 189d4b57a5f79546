#pragma once

#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace webex {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
enum class LogFormat { kLogfmt, kJson };

std::optional<LogLevel> ParseLogLevel(std::string_view text);
std::optional<LogFormat> ParseLogFormat(std::string_view text);

struct LogField {
  std::string_view key;
  std::string value;
};

// Writes one structured line per event (logfmt or JSON) with the fixed keys
// ts, level and msg first. Callers never pass secrets: the logger cannot
// tell a token from any other string. Safe to call from any thread; lines
// never interleave.
class Logger {
 public:
  Logger(LogLevel level, LogFormat format, std::FILE* out);

  void Debug(std::string_view msg, std::initializer_list<LogField> f = {});
  void Info(std::string_view msg, std::initializer_list<LogField> f = {});
  void Warn(std::string_view msg, std::initializer_list<LogField> f = {});
  void Error(std::string_view msg, std::initializer_list<LogField> f = {});

  void Log(LogLevel level, std::string_view msg,
           std::initializer_list<LogField> fields);

  bool Enabled(LogLevel level) const { return level >= level_; }

 private:
  std::string Format(LogLevel level, std::string_view msg,
                     std::initializer_list<LogField> fields) const;

  const LogLevel level_;
  const LogFormat format_;
  std::FILE* const out_;
  std::mutex mutex_;
};

}  // namespace webex
