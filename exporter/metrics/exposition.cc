#include "metrics/exposition.h"

#include <prometheus/text_serializer.h>

#include <sstream>

namespace webex {

void Exposition::Add(const TextSource& source) {
  sources_.push_back(&source);
  std::lock_guard<std::mutex> lock(cache_mutex_);
  cache_.emplace_back();
}

void Exposition::Add(const prometheus::Collectable& collectable) {
  collectables_.push_back(&collectable);
}

std::string Exposition::Render() const {
  std::string text;
  for (const TextSource* source : sources_) source->AppendTo(text);
  text += RenderCollectables();
  return text;
}

std::optional<std::string> Exposition::RenderGzip() const {
  std::vector<std::shared_ptr<const DeflatePiece>> cached;
  for (size_t i = 0; i < sources_.size(); ++i) {
    cached.push_back(SourcePiece(i));
    if (!cached.back()) return std::nullopt;
  }

  std::optional<DeflatePiece> tail = Deflate(RenderCollectables(), true);
  if (!tail) return std::nullopt;

  std::vector<const DeflatePiece*> pieces;
  for (const auto& piece : cached) pieces.push_back(piece.get());
  pieces.push_back(&*tail);
  return GzipOf(pieces);
}

std::string Exposition::RenderCollectables() const {
  std::vector<prometheus::MetricFamily> families;
  for (const prometheus::Collectable* collectable : collectables_) {
    for (auto& family : collectable->Collect()) {
      if (!family.metric.empty()) families.push_back(std::move(family));
    }
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

// The version is read before the text, so a piece can only be labelled
// older than its text (and be redone needlessly), never newer.
std::shared_ptr<const DeflatePiece> Exposition::SourcePiece(
    size_t index) const {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  CachedPiece& cached = cache_[index];
  uint64_t version = sources_[index]->Version();
  if (cached.piece && cached.version == version) return cached.piece;

  cached.piece.reset();  // a scrape in flight may still hold the old one
  std::string text;
  sources_[index]->AppendTo(text);
  std::optional<DeflatePiece> piece = Deflate(text, false);
  if (!piece) return nullptr;
  cached = {version, std::make_shared<const DeflatePiece>(std::move(*piece))};
  return cached.piece;
}

}  // namespace webex
