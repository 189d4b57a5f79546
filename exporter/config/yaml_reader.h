#pragma once

// The generic half of the config loader: walking a yaml-cpp tree with a
// message for every way it can be wrong, each naming the file, line,
// column and dotted key. The schema itself is in loader.cc. Everything
// here is a pure function of its arguments: safe from any thread.

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/duration.h"
#include "config/loader.h"
#include "util/redact.h"

namespace webex::config_reader {

// Where a node came from, for messages: "file:line:col: key.path: ".
struct Place {
  const std::string& file;
  const YAML::Node& node;
  const std::string& key;
};

[[noreturn]] void Fail(const Place& at, const std::string& problem);

std::string Describe(const YAML::Node& node);

// Walks one YAML mapping whose keys must all be among `allowed`. Borrows
// the file name; copies the node handle.
class MapReader {
 public:
  // Throws ConfigError when the node is not a mapping, or holds a key
  // that is not allowed or that appears twice.
  MapReader(const Place& at, std::initializer_list<std::string_view> allowed);

  std::optional<YAML::Node> Get(const std::string& name) const {
    YAML::Node child = node_[name];
    if (!child) return std::nullopt;
    return child;
  }

  std::string Child(const std::string& name) const {
    return key_.empty() ? name : key_ + "." + name;
  }

  const std::string& file() const { return file_; }
  const YAML::Node& node() const { return node_; }

 private:
  const std::string& file_;
  YAML::Node node_;
  std::string key_;
};

// A scalar's text; it must be valid UTF-8 (it may become a label).
std::string ScalarOf(const Place& at);

Duration DurationOf(const Place& at);

std::string NonEmptyOf(const Place& at);

bool BoolOf(const Place& at);

// Fails for a quoted scalar: '8' is a string, as Prometheus's own
// configuration loader also holds, and taking it for a number would hide
// a template that quoted the wrong field.
void RefuseQuoted(const Place& at, const std::string& expected);

template <typename T>
T NumberOf(const Place& at) {
  RefuseQuoted(at, "a number");
  std::string text = ScalarOf(at);
  T value{};
  auto [end, err] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size()) {
    Fail(at, "expected a number, got \"" + ShownInError(text) + "\"");
  }
  return value;
}

// Optional fields: the reader `r` asks for `name` and, when present,
// stores what `convert` makes of it.
template <typename Convert, typename T>
void Read(const MapReader& r, const std::string& name, Convert convert,
          T& field) {
  std::optional<YAML::Node> node = r.Get(name);
  if (!node) return;
  std::string key = r.Child(name);
  field = convert(Place{r.file(), *node, key});
}

// Throws ConfigError at `name` (or at the mapping, if absent) unless ok.
void Check(bool ok, const MapReader& r, const std::string& name,
           const std::string& problem);

template <typename T, typename Convert>
std::vector<T> ListOf(const Place& at, Convert convert) {
  if (!at.node.IsSequence()) {
    Fail(at, "expected a list, got " + Describe(at.node));
  }
  std::vector<T> items;
  for (size_t i = 0; i < at.node.size(); ++i) {
    std::string key = at.key + "[" + std::to_string(i) + "]";
    YAML::Node item = at.node[i];
    items.push_back(convert(Place{at.file, item, key}));
  }
  return items;
}

// The line (from 1) where a second document starts in `yaml`; 0 if none.
int SecondDocumentLine(const std::string& yaml);

// The text of the file at `path`. Throws ConfigError "PATH: cannot read
// the file", "PATH: is a directory, not a file" or "PATH: is larger than
// LIMIT" (`limit` says it in words) past `max_bytes`.
std::string ReadFileText(const std::string& path, size_t max_bytes,
                         const std::string& limit);

// The single YAML document in `yaml` (a null node when empty). Throws
// ConfigError with `path`, line and column for invalid YAML, and for a
// second document.
YAML::Node ParseDocument(const std::string& yaml, const std::string& path);

}  // namespace webex::config_reader
