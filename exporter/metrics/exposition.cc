#include "metrics/exposition.h"

#include <prometheus/text_serializer.h>

#include <sstream>
#include <utility>

namespace webex {
namespace {

// A text made whole beforehand, handed out in one piece.
class WholeText : public TextChunks {
 public:
  explicit WholeText(std::string text) : text_(std::move(text)) {}

  bool Next(std::string& out, size_t) override {
    if (done_) return false;
    done_ = true;
    out += text_;
    return !text_.empty();
  }

 private:
  const std::string text_;
  bool done_ = false;
};

// Several texts, one after the other.
class JoinedText : public TextChunks {
 public:
  explicit JoinedText(std::vector<std::unique_ptr<TextChunks>> parts)
      : parts_(std::move(parts)) {}

  bool Next(std::string& out, size_t size) override {
    for (; current_ < parts_.size(); ++current_) {
      if (parts_[current_]->Next(out, size)) return true;
    }
    return false;
  }

 private:
  std::vector<std::unique_ptr<TextChunks>> parts_;
  size_t current_ = 0;
};

}  // namespace

std::unique_ptr<TextChunks> TextSource::Open() const {
  std::string text;
  AppendTo(text);
  return std::make_unique<WholeText>(std::move(text));
}

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

// Every part is opened at once, so that all are of the same moment.
std::unique_ptr<TextChunks> Exposition::Stream() const {
  std::vector<std::unique_ptr<TextChunks>> parts;
  for (const TextSource* source : sources_) parts.push_back(source->Open());
  parts.push_back(std::make_unique<WholeText>(RenderCollectables()));
  return std::make_unique<JoinedText>(std::move(parts));
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
  std::unique_ptr<TextChunks> text = sources_[index]->Open();
  std::optional<DeflatePiece> piece = Deflate(*text, false);
  if (!piece) return nullptr;
  cached = {version, std::make_shared<const DeflatePiece>(std::move(*piece))};
  return cached.piece;
}

}  // namespace webex
