#pragma once

#include <prometheus/collectable.h>

#include <string>
#include <vector>

namespace webex {

// Something that writes finished families in the text exposition format.
class TextSource {
 public:
  virtual ~TextSource() = default;
  virtual void AppendTo(std::string& out) const = 0;
};

// Renders the text exposition format of everything registered with it:
// text sources first, then prometheus-cpp collectables (a Registry).
// Borrows them all; they must outlive it. Render() is thread-safe when
// they are.
class Exposition {
 public:
  void Add(const TextSource& source);
  void Add(const prometheus::Collectable& collectable);

  std::string Render() const;

 private:
  std::vector<const TextSource*> sources_;
  std::vector<const prometheus::Collectable*> collectables_;
};

}  // namespace webex
