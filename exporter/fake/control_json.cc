#include "exporter/fake/control_json.h"

#include <simdjson.h>

#include <cstdint>
#include <stdexcept>

namespace webex::fake {

namespace {

namespace od = simdjson::ondemand;

// A well-formed body that asks for something the fake does not take.
class BodyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string Quoted(std::string_view name) {
  return "\"" + std::string(name) + "\"";
}

od::object AsObject(auto&& json, std::string_view what) {
  od::object object;
  if (json.get_object().get(object) != simdjson::SUCCESS) {
    throw BodyError(std::string(what) + " must be a JSON object");
  }
  return object;
}

od::array AsArray(auto&& json, std::string_view what) {
  od::array array;
  if (json.get_array().get(array) != simdjson::SUCCESS) {
    throw BodyError(std::string(what) + " must be a JSON array");
  }
  return array;
}

std::string AsString(od::value value, std::string_view what) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    throw BodyError(Quoted(what) + " must be a string");
  }
  return std::string(text);
}

int64_t AsInt(od::value value, std::string_view what, int64_t min,
              int64_t max) {
  int64_t number = 0;
  if (value.get_int64().get(number) != simdjson::SUCCESS || number < min ||
      number > max) {
    throw BodyError(Quoted(what) + " must be an integer from " +
                    std::to_string(min) + " to " + std::to_string(max));
  }
  return number;
}

bool AsBool(od::value value, std::string_view what) {
  bool flag = false;
  if (value.get_bool().get(flag) != simdjson::SUCCESS) {
    throw BodyError(Quoted(what) + " must be true or false");
  }
  return flag;
}

std::string TrimmedToken(std::string_view raw) {
  size_t end = raw.find_last_not_of(" \t\r\n");
  return std::string(
      raw.substr(0, end == std::string_view::npos ? 0 : end + 1));
}

// The value's JSON text as written. On-Demand only looks at the first byte
// of a value it skips, so each scalar is parsed once to prove it is valid.
std::string RawValue(od::value value) {
  od::json_type type = value.type();
  if (type == od::json_type::object) {
    return TrimmedToken(AsObject(value, "value").raw_json());
  }
  if (type == od::json_type::array) {
    return TrimmedToken(AsArray(value, "value").raw_json());
  }

  std::string raw = TrimmedToken(value.raw_json_token());
  bool valid = false;
  if (type == od::json_type::string) {
    std::string_view ignored;
    valid = value.get_string().get(ignored) == simdjson::SUCCESS;
  } else if (type == od::json_type::number) {
    od::number ignored;
    valid = value.get_number().get(ignored) == simdjson::SUCCESS;
  } else if (type == od::json_type::boolean) {
    bool ignored = false;
    valid = value.get_bool().get(ignored) == simdjson::SUCCESS;
  } else {
    valid = raw == "null";
  }
  if (!valid) throw BodyError("invalid JSON value " + raw);
  return raw;
}

const CallParkField* FindField(std::string_view group, std::string_view key) {
  for (const CallParkField& field : kCallParkFields) {
    if ((group.empty() || field.group == group) && field.key == key) {
      return &field;
    }
  }
  return nullptr;
}

CallParkSettings ReadSettings(od::object groups) {
  CallParkSettings settings;
  for (od::field group : groups) {
    std::string group_name(std::string_view(group.unescaped_key()));
    if (group_name != "callParkRecall" && group_name != "callParkSettings") {
      throw BodyError("unknown settings key " + Quoted(group_name));
    }

    for (od::field member : AsObject(group.value(), group_name)) {
      std::string key(std::string_view(member.unescaped_key()));
      const CallParkField* field = FindField(group_name, key);
      if (field == nullptr) {
        throw BodyError("unknown key " + Quoted(key) + " in " + group_name);
      }
      settings.*field->member = RawValue(member.value());
    }
  }
  return settings;
}

std::vector<std::pair<std::string, std::string>> ReadHeaders(
    od::object object) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (od::field field : object) {
    std::string name(std::string_view(field.unescaped_key()));
    std::string value = AsString(field.value(), name);
    // A line break would let a test forge the rest of the response.
    if (name.empty() || name.find_first_of(":\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      throw BodyError("invalid header " + Quoted(name));
    }
    headers.emplace_back(std::move(name), std::move(value));
  }
  return headers;
}

FaultStep ReadFaultStep(od::object object) {
  FaultStep step;
  for (od::field field : object) {
    std::string key(std::string_view(field.unescaped_key()));
    od::value value = field.value();
    if (key == "status") {
      step.status = static_cast<int>(AsInt(value, key, 100, 599));
    } else if (key == "headers") {
      step.headers = ReadHeaders(AsObject(value, key));
    } else if (key == "body") {
      step.body = value.type() == od::json_type::string ? AsString(value, key)
                                                        : RawValue(value);
    } else if (key == "delay_ms") {
      step.delay = std::chrono::milliseconds(AsInt(value, key, 0, 3600000));
    } else if (key == "drop") {
      step.drop = AsBool(value, key);
    } else if (key == "hang") {
      step.hang = AsBool(value, key);
    } else if (key == "trickle_ms") {
      step.trickle = std::chrono::milliseconds(AsInt(value, key, 0, 60000));
    } else {
      throw BodyError("unknown fault step key " + Quoted(key));
    }
  }
  return step;
}

// Runs `read` on the parsed document and turns every failure into a
// message; also rejects anything after the first JSON value.
template <typename T, typename Reader>
ParseResult<T> Parse(std::string_view json, Reader read) {
  try {
    simdjson::padded_string padded(json);
    od::parser parser;
    od::document document = parser.iterate(padded);
    T value = read(document);

    const char* rest = nullptr;
    if (document.current_location().get(rest) == simdjson::SUCCESS) {
      throw BodyError("unexpected text after the JSON value");
    }
    return {std::move(value), ""};
  } catch (const BodyError& error) {
    return {std::nullopt, error.what()};
  } catch (const simdjson::simdjson_error& error) {
    return {std::nullopt, std::string("invalid JSON: ") + error.what()};
  }
}

}  // namespace

void ApplySettingsPatch(const SettingsPatch& patch,
                        CallParkSettings& settings) {
  for (const auto& [member, raw] : patch) settings.*member = raw;
}

ParseResult<CallParkSettings> ParseSettings(std::string_view json) {
  return Parse<CallParkSettings>(json, [](od::document& document) {
    return ReadSettings(AsObject(document, "the body"));
  });
}

ParseResult<SettingsPatch> ParseSettingsPatch(std::string_view json) {
  return Parse<SettingsPatch>(json, [](od::document& document) {
    SettingsPatch patch;
    for (od::field field : AsObject(document, "the body")) {
      std::string key(std::string_view(field.unescaped_key()));
      const CallParkField* target = FindField("", key);
      if (target == nullptr) throw BodyError("unknown key " + Quoted(key));

      od::value value = field.value();
      std::optional<std::string> raw;
      if (value.type() != od::json_type::null) raw = RawValue(value);
      patch.emplace_back(target->member, std::move(raw));
    }
    return patch;
  });
}

ParseResult<std::vector<FaultStep>> ParseFaultSteps(std::string_view json) {
  return Parse<std::vector<FaultStep>>(json, [](od::document& document) {
    std::vector<FaultStep> steps;
    for (od::value step : AsArray(document, "the body")) {
      steps.push_back(ReadFaultStep(AsObject(step, "a fault step")));
    }
    return steps;
  });
}

ParseResult<FakeLocation> ParseNewLocation(std::string_view json) {
  return Parse<FakeLocation>(json, [](od::document& document) {
    FakeLocation location;
    location.settings = MakeCallParkSettings("ALERT_PARKING_USER_ONLY",
                                             "NORMAL", 60, 60, "", "");
    for (od::field field : AsObject(document, "the body")) {
      std::string key(std::string_view(field.unescaped_key()));
      if (key == "id") {
        location.id = AsString(field.value(), key);
      } else if (key == "name") {
        location.name = AsString(field.value(), key);
      } else if (key == "settings") {
        location.settings = ReadSettings(AsObject(field.value(), key));
      } else {
        throw BodyError("unknown key " + Quoted(key));
      }
    }

    // The id is a path segment of the settings URL.
    if (location.id.empty() ||
        location.id.find_first_of("/?#") != std::string::npos) {
      throw BodyError("\"id\" must be a non-empty string without / ? #");
    }
    if (location.name.empty()) location.name = location.id;
    return location;
  });
}

ParseResult<std::vector<std::string>> ParseTokenList(std::string_view json) {
  return Parse<std::vector<std::string>>(json, [](od::document& document) {
    std::vector<std::string> tokens;
    for (od::field field : AsObject(document, "the body")) {
      std::string key(std::string_view(field.unescaped_key()));
      if (key != "tokens") throw BodyError("unknown key " + Quoted(key));

      for (od::value token : AsArray(field.value(), key)) {
        tokens.push_back(AsString(token, "tokens[]"));
      }
    }
    return tokens;
  });
}

}  // namespace webex::fake
