#include "config/yaml_reader.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "util/redact.h"
#include "util/utf8.h"

namespace webex::config_reader {

MapReader::MapReader(const Place& at,
                     std::initializer_list<std::string_view> allowed)
    : file_(at.file), node_(at.node), key_(at.key) {
  if (!node_.IsMap()) {
    Fail(at, "expected a mapping, got " + Describe(node_));
  }
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar() || entry.first.Scalar().empty()) {
      Fail({file_, entry.first, key_},
           "a key must be a name, got " + Describe(entry.first));
    }
    std::string name = entry.first.Scalar();
    std::string key = Child(name);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      // A token pasted as a key is no key of ours: say so by its length.
      Fail({file_, entry.first, Child(ShownInError(name))}, "unknown key");
    }
    // yaml-cpp keeps one of two equal keys silently; say so instead.
    if (!seen.insert(name).second) {
      Fail({file_, entry.first, key}, "duplicate key");
    }
  }
}

[[noreturn]] void Fail(const Place& at, const std::string& problem) {
  std::ostringstream msg;
  msg << at.file;
  YAML::Mark mark = at.node.Mark();
  if (!mark.is_null()) msg << ':' << mark.line + 1 << ':' << mark.column + 1;
  msg << ": " << (at.key.empty() ? "top level" : at.key) << ": " << problem;
  throw ConfigError(msg.str());
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "\"" + ShownInError(node.Scalar()) + "\"";
  }
}

std::string ScalarOf(const Place& at) {
  if (!at.node.IsScalar()) {
    Fail(at, "expected a value, got " + Describe(at.node));
  }
  // Names and ids become label values, which must be UTF-8.
  if (!IsValidUtf8(at.node.Scalar())) Fail(at, "is not valid UTF-8");
  return at.node.Scalar();
}

Duration DurationOf(const Place& at) {
  std::string text = ScalarOf(at);
  std::optional<Duration> value = ParseDuration(text);
  if (!value) {
    Fail(at, "invalid duration \"" + ShownInError(text) +
                 "\" (use ms, s, m or h, e.g. 30s)");
  }
  return *value;
}

std::string NonEmptyOf(const Place& at) {
  std::string text = ScalarOf(at);
  if (text.empty()) Fail(at, "must not be empty");
  return text;
}

void RefuseQuoted(const Place& at, const std::string& expected) {
  // yaml-cpp tags a plain scalar "?", a quoted one "!", and one with an
  // explicit tag (!!str 8) with that tag: only the plain kind is a number.
  if (!at.node.IsScalar() || at.node.Tag() == "?") return;
  std::string fix = at.node.Tag() == "!" ? "remove the quotes"
                                         : "remove the tag " + at.node.Tag();
  Fail(at, "expected " + expected + ", got the string \"" +
               ShownInError(ScalarOf(at)) + "\" (" + fix + ")");
}

bool BoolOf(const Place& at) {
  RefuseQuoted(at, "true or false");
  std::string text = ScalarOf(at);
  // YAML 1.2's core schema, as Prometheus's loader reads booleans.
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  Fail(at, "expected true or false, got \"" + ShownInError(text) + "\"");
}

void Check(bool ok, const MapReader& r, const std::string& name,
           const std::string& problem) {
  if (ok) return;
  YAML::Node node = r.Get(name).value_or(r.node());
  std::string key = r.Child(name);
  Fail(Place{r.file(), node, key}, problem);
}

// YAML::Load reads the first document and ignores the rest, and
// YAML::LoadAll loops forever on some malformed input (yaml-cpp 0.7, its
// issue 1040), so documents are counted here: a "---" or "..." line after
// content starts another.
int SecondDocumentLine(const std::string& yaml) {
  std::istringstream lines(yaml);
  std::string line;
  int number = 0;
  bool content = false;  // the first document has begun
  bool ended = false;    // and a "..." closed it
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "---" || line.rfind("--- ", 0) == 0) {
      if (content) return number;
      content = line.find_first_not_of(" \t", 3) != std::string::npos;
      continue;
    }
    if (line == "..." || line.rfind("... ", 0) == 0) {
      ended = content;
      continue;
    }
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#' || line[0] == '%') {
      continue;
    }
    if (ended) return number;
    content = true;
  }
  return 0;
}

std::string ReadFileText(const std::string& path, size_t max_bytes,
                         const std::string& limit) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw ConfigError(path + ": is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the file");
  // Read in chunks and stop at the limit, so /dev/zero is refused.
  std::string text;
  char chunk[64 * 1024];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      throw ConfigError(path + ": is larger than " + limit);
    }
  }
  return text;
}

YAML::Node ParseDocument(const std::string& yaml, const std::string& path) {
  if (int line = SecondDocumentLine(yaml)) {
    throw ConfigError(path + ":" + std::to_string(line) +
                      ":1: a second YAML document starts here; want one");
  }
  try {
    return YAML::Load(yaml);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own message for this is "bad file".
    std::ostringstream msg;
    msg << path << ':' << e.mark.line + 1 << ':' << e.mark.column + 1
        << ": invalid YAML: nested more than " << e.depth() << " levels deep";
    throw ConfigError(msg.str());
  } catch (const YAML::Exception& e) {
    std::ostringstream msg;
    msg << path << ':' << e.mark.line + 1 << ':' << e.mark.column + 1
        << ": invalid YAML: " << e.msg;
    throw ConfigError(msg.str());
  }
}

}  // namespace webex::config_reader
