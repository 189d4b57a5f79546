// Builds JSON text for the fake Webex API's responses.
#ifndef EXPORTER_FAKE_JSON_WRITER_H_
#define EXPORTER_FAKE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace webex::fake {

// Returns `text` as a quoted JSON string. Quotes, backslashes and control
// characters are escaped; every other byte (UTF-8 included) passes through.
std::string JsonQuote(std::string_view text);

// Appends JSON values to a string, inserting the commas itself.
//
// Owns the text it builds. The caller must nest Begin/End calls correctly and
// call Key() before each value inside an object; the writer does not check.
// Not thread-safe: one writer per response.
class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  // `value` must be finite: JSON has no NaN or infinity.
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Appends `json` verbatim; it must already be one valid JSON value.
  JsonWriter& Raw(std::string_view json);

  // Returns the text built so far and leaves the writer empty.
  std::string Take();

 private:
  void BeforeValue();
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);

  std::string out_;
  // One entry per open object or array: true until its first member.
  std::vector<bool> scope_is_empty_;
  bool after_key_ = false;
};

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_JSON_WRITER_H_
