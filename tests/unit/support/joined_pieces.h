#pragma once

#include <cstddef>
#include <string>

#include "util/text_chunks.h"

namespace webex::testing {

struct Joined {
  std::string text;
  int pieces = 0;
};

// Every piece `chunks` hands out, asked for `size` bytes at a time.
inline Joined JoinPieces(TextChunks& chunks, size_t size) {
  Joined joined;
  for (std::string piece; chunks.Next(piece, size); piece.clear()) {
    joined.text += piece;
    ++joined.pieces;
  }
  return joined;
}

}  // namespace webex::testing
