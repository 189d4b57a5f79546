#include "metrics/exposition.h"

#include <prometheus/text_serializer.h>

#include <sstream>

namespace webex {

void Exposition::Add(const TextSource& source) { sources_.push_back(&source); }

void Exposition::Add(const prometheus::Collectable& collectable) {
  collectables_.push_back(&collectable);
}

std::string Exposition::Render() const {
  std::string text;
  for (const TextSource* source : sources_) source->AppendTo(text);

  std::vector<prometheus::MetricFamily> families;
  for (const prometheus::Collectable* collectable : collectables_) {
    for (auto& family : collectable->Collect()) {
      if (!family.metric.empty()) families.push_back(std::move(family));
    }
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  text += out.str();
  return text;
}

}  // namespace webex
