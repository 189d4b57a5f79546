#pragma once

#include <prometheus/collectable.h>

#include <memory>
#include <string>
#include <vector>

namespace webex {

// Renders the text exposition format of everything registered with it.
// Borrows the collectables, which must outlive it. Render() is
// thread-safe when the collectables are.
class Exposition {
 public:
  void Add(const prometheus::Collectable& collectable);

  std::string Render() const;

 private:
  std::vector<const prometheus::Collectable*> collectables_;
};

}  // namespace webex
