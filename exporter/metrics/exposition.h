#pragma once

#include <prometheus/collectable.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/deflate.h"
#include "util/text_chunks.h"

namespace webex {

// Something that writes finished families in the text exposition format.
class TextSource {
 public:
  virtual ~TextSource() = default;
  virtual void AppendTo(std::string& out) const = 0;

  // The text of AppendTo() a piece at a time; by default in one piece.
  virtual std::unique_ptr<TextChunks> Open() const;

  // Changes whenever the text AppendTo() writes may have; read before
  // AppendTo(), equal values promise the same text.
  virtual uint64_t Version() const = 0;
};

// Renders the text exposition format of everything registered with it:
// text sources first, then prometheus-cpp collectables (a Registry).
// Borrows them all; they must outlive it. Add() everything before the
// first render; Render() and RenderGzip() are thread-safe when the
// sources and collectables are.
class Exposition {
 public:
  void Add(const TextSource& source);
  void Add(const prometheus::Collectable& collectable);

  std::string Render() const;

  // Render()'s text a piece at a time, for a large answer: the sources'
  // pieces in turn, then the collectables' families in one.
  std::unique_ptr<TextChunks> Stream() const;

  // Render() as one gzip member. Each text source's part is compressed
  // once per Version(), a piece at a time as Open() hands it out, and
  // kept compressed (its text is never whole), so a scrape between
  // changes compresses only the collectables' few families. nullopt if
  // zlib fails.
  std::optional<std::string> RenderGzip() const;

 private:
  struct CachedPiece {
    uint64_t version = 0;
    std::shared_ptr<const DeflatePiece> piece;  // null until compressed
  };

  std::string RenderCollectables() const;
  std::shared_ptr<const DeflatePiece> SourcePiece(size_t index) const;

  std::vector<const TextSource*> sources_;
  std::vector<const prometheus::Collectable*> collectables_;

  // One mutex for all, held while a stale piece is recompressed, so that
  // concurrent scrapes compress it once and hold one text at a time.
  mutable std::mutex cache_mutex_;
  mutable std::vector<CachedPiece> cache_;  // by source; cache_mutex_
};

}  // namespace webex
