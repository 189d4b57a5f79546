#include "log/logger.h"

#include <chrono>
#include <ctime>

namespace webex {
namespace {

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch()) %
            1000;
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                utc.tm_min, utc.tm_sec, static_cast<int>(ms.count()));
  return text;
}

// Escapes what JSON and logfmt both require inside double quotes.
void AppendEscaped(std::string& out, std::string_view value) {
  for (unsigned char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\u%04x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
}

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (unsigned char c : value) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7f) {
      return true;
    }
  }
  return false;
}

void AppendLogfmt(std::string& out, std::string_view key,
                  std::string_view value) {
  if (!out.empty()) out += ' ';
  out += key;
  out += '=';
  if (!NeedsQuotes(value)) {
    out += value;
    return;
  }
  out += '"';
  AppendEscaped(out, value);
  out += '"';
}

void AppendJson(std::string& out, std::string_view key,
                std::string_view value) {
  out += out.empty() ? "{\"" : ",\"";
  AppendEscaped(out, key);
  out += "\":\"";
  AppendEscaped(out, value);
  out += '"';
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
  if (text == "debug") return LogLevel::kDebug;
  if (text == "info") return LogLevel::kInfo;
  if (text == "warn") return LogLevel::kWarn;
  if (text == "error") return LogLevel::kError;
  return std::nullopt;
}

std::optional<LogFormat> ParseLogFormat(std::string_view text) {
  if (text == "logfmt") return LogFormat::kLogfmt;
  if (text == "json") return LogFormat::kJson;
  return std::nullopt;
}

Logger::Logger(LogLevel level, LogFormat format, std::FILE* out)
    : level_(level), format_(format), out_(out) {}

void Logger::Debug(std::string_view msg, std::initializer_list<LogField> f) {
  Log(LogLevel::kDebug, msg, f);
}

void Logger::Info(std::string_view msg, std::initializer_list<LogField> f) {
  Log(LogLevel::kInfo, msg, f);
}

void Logger::Warn(std::string_view msg, std::initializer_list<LogField> f) {
  Log(LogLevel::kWarn, msg, f);
}

void Logger::Error(std::string_view msg, std::initializer_list<LogField> f) {
  Log(LogLevel::kError, msg, f);
}

void Logger::Log(LogLevel level, std::string_view msg,
                 std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  std::string line = Format(level, msg, fields);

  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

std::string Logger::Format(LogLevel level, std::string_view msg,
                           std::initializer_list<LogField> fields) const {
  auto append = format_ == LogFormat::kJson ? AppendJson : AppendLogfmt;
  std::string line;
  append(line, "ts", Timestamp());
  append(line, "level", LevelName(level));
  append(line, "msg", msg);
  for (const LogField& field : fields) append(line, field.key, field.value);

  if (format_ == LogFormat::kJson) line += '}';
  line += '\n';
  return line;
}

}  // namespace webex
