#include "webex/settings_parser.h"

#include <optional>

namespace webex {
namespace {

namespace od = simdjson::ondemand;
using MaybeError = std::optional<ParseError>;

// Well-formed JSON that does not fit the schema is a payload problem; any
// other simdjson failure means the text was not JSON to begin with.
ErrorReason ReasonFor(simdjson::error_code code) {
  switch (code) {
    case simdjson::INCORRECT_TYPE:
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NO_SUCH_FIELD:
      return ErrorReason::kInvalidPayload;
    default:
      return ErrorReason::kInvalidJson;
  }
}

ParseError Failure(simdjson::error_code code, std::string_view where) {
  return {ReasonFor(code),
          std::string(where) + ": " + simdjson::error_message(code)};
}

// On-Demand reports a token that starts no JSON value at all (an HTML
// page, a bare word) as a type error; it is really not JSON.
bool StartsJsonValue(std::string_view text) {
  size_t at = text.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos) return false;
  return std::string_view("{[\"-0123456789tfn").find(text[at]) !=
         std::string_view::npos;
}

ParseError ValueFailure(simdjson::error_code code, od::value& value,
                        std::string_view where) {
  ParseError error = Failure(code, where);
  if (!StartsJsonValue(value.raw_json_token())) {
    error.reason = ErrorReason::kInvalidJson;
  }
  return error;
}

ParseError Missing(std::string_view field) {
  return {ErrorReason::kInvalidPayload, std::string(field) + ": missing"};
}

MaybeError ReadString(od::value value, std::string_view where,
                      std::string& out) {
  std::string_view text;
  if (auto code = value.get_string().get(text)) {
    return ValueFailure(code, value, where);
  }
  out.assign(text);
  return std::nullopt;
}

// Hunt group fields: absent, null and "" all mean "no hunt group".
MaybeError ReadOptionalString(od::value value, std::string_view where,
                              std::string& out) {
  bool is_null = false;
  if (auto code = value.is_null().get(is_null)) return Failure(code, where);
  if (is_null) {
    out.clear();
    return std::nullopt;
  }
  return ReadString(value, where, out);
}

MaybeError ReadSeconds(od::value value, std::string_view where, int64_t& out) {
  if (auto code = value.get_int64().get(out)) {
    return ValueFailure(code, value, where);
  }
  if (out < 0) {
    return ParseError{ErrorReason::kInvalidPayload,
                      std::string(where) + ": negative"};
  }
  return std::nullopt;
}

MaybeError ReadRecall(od::value value, CallParkSettings& s) {
  od::object object;
  if (auto code = value.get_object().get(object)) {
    return Failure(code, "callParkRecall");
  }
  bool have_option = false;
  for (auto field : object) {
    std::string_view key;
    if (auto code = field.unescaped_key().get(key)) {
      return Failure(code, "callParkRecall");
    }
    MaybeError error;
    if (key == "option") {
      error = ReadString(field.value(), "callParkRecall.option", s.option);
      have_option = true;
    } else if (key == "huntGroupId") {
      error = ReadOptionalString(field.value(), "callParkRecall.huntGroupId",
                                 s.hunt_group_id);
    } else if (key == "huntGroupName") {
      error = ReadOptionalString(field.value(), "callParkRecall.huntGroupName",
                                 s.hunt_group_name);
    }
    if (error) return error;
  }
  if (!have_option) return Missing("callParkRecall.option");
  return std::nullopt;
}

MaybeError ReadSettings(od::value value, CallParkSettings& s) {
  od::object object;
  if (auto code = value.get_object().get(object)) {
    return Failure(code, "callParkSettings");
  }
  int seen = 0;
  for (auto field : object) {
    std::string_view key;
    if (auto code = field.unescaped_key().get(key)) {
      return Failure(code, "callParkSettings");
    }
    MaybeError error;
    if (key == "ringPattern") {
      error = ReadString(field.value(), "callParkSettings.ringPattern",
                         s.ring_pattern);
      seen |= 1;
    } else if (key == "recallTime") {
      error = ReadSeconds(field.value(), "callParkSettings.recallTime",
                          s.recall_time);
      seen |= 2;
    } else if (key == "huntWaitTime") {
      error = ReadSeconds(field.value(), "callParkSettings.huntWaitTime",
                          s.hunt_wait_time);
      seen |= 4;
    }
    if (error) return error;
  }
  if (!(seen & 1)) return Missing("callParkSettings.ringPattern");
  if (!(seen & 2)) return Missing("callParkSettings.recallTime");
  if (!(seen & 4)) return Missing("callParkSettings.huntWaitTime");
  return std::nullopt;
}

// On-Demand stops reading at the end of the root value; anything but
// white space after it means the body was not one JSON document.
MaybeError CheckNothingAfter(od::document& doc, std::string_view body) {
  doc.rewind();
  std::string_view root;
  if (auto code = doc.raw_json().get(root)) return Failure(code, "body");
  size_t end = static_cast<size_t>(root.data() - body.data()) + root.size();
  if (body.find_first_not_of(" \t\r\n", end) != std::string_view::npos) {
    return ParseError{ErrorReason::kInvalidJson, "body: trailing content"};
  }
  return std::nullopt;
}

MaybeError ReadDocument(od::document& doc, CallParkSettings& s) {
  od::object root;
  if (auto code = doc.get_object().get(root)) return Failure(code, "body");
  bool have_recall = false;
  bool have_settings = false;
  for (auto field : root) {
    std::string_view key;
    if (auto code = field.unescaped_key().get(key)) {
      return Failure(code, "body");
    }
    MaybeError error;
    if (key == "callParkRecall") {
      error = ReadRecall(field.value(), s);
      have_recall = true;
    } else if (key == "callParkSettings") {
      error = ReadSettings(field.value(), s);
      have_settings = true;
    }
    if (error) return error;
  }
  if (!have_recall) return Missing("callParkRecall");
  if (!have_settings) return Missing("callParkSettings");
  return std::nullopt;
}

}  // namespace

ParseResult SettingsParser::Parse(std::string_view body) {
  buffer_.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  buffer_.assign(body);
  simdjson::padded_string_view view(buffer_.data(), buffer_.size(),
                                    buffer_.capacity());

  if (!StartsJsonValue(body)) {
    return ParseError{ErrorReason::kInvalidJson, "body: not JSON"};
  }
  od::document doc;
  if (auto code = parser_.iterate(view).get(doc)) return Failure(code, "body");

  CallParkSettings settings;
  if (MaybeError error = ReadDocument(doc, settings)) return *error;
  if (MaybeError error = CheckNothingAfter(doc, buffer_)) return *error;
  return settings;
}

}  // namespace webex
