#include "exporter/fake/json_writer.h"

#include <charconv>
#include <cstdio>
#include <utility>

namespace webex::fake {

namespace {

void AppendEscaped(char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  // Bytes of 0x80 and above are UTF-8 sequences and pass through unchanged.
  if (static_cast<unsigned char>(c) < 0x20) {
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\u%04x",
                  static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += escaped;
    return;
  }
  out += c;
}

}  // namespace

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) AppendEscaped(c, out);
  out += '"';
  return out;
}

JsonWriter& JsonWriter::BeginObject() { return Open('{'); }

JsonWriter& JsonWriter::EndObject() { return Close('}'); }

JsonWriter& JsonWriter::BeginArray() { return Open('['); }

JsonWriter& JsonWriter::EndArray() { return Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_ += JsonQuote(key);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  return Raw(JsonQuote(value));
}

JsonWriter& JsonWriter::Int(int64_t value) {
  return Raw(std::to_string(value));
}

JsonWriter& JsonWriter::Double(double value) {
  // The shortest text that reads back as the same double.
  char text[32];
  std::to_chars_result result = std::to_chars(text, text + sizeof text, value);
  return Raw(std::string_view(text, result.ptr - text));
}

JsonWriter& JsonWriter::Bool(bool value) {
  return Raw(value ? "true" : "false");
}

JsonWriter& JsonWriter::Null() { return Raw("null"); }

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

std::string JsonWriter::Take() {
  scope_is_empty_.clear();
  after_key_ = false;
  return std::exchange(out_, std::string());
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (scope_is_empty_.empty()) return;

  if (!scope_is_empty_.back()) out_ += ',';
  scope_is_empty_.back() = false;
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  out_ += bracket;
  scope_is_empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  out_ += bracket;
  scope_is_empty_.pop_back();
  return *this;
}

}  // namespace webex::fake
