#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/text_chunks.h"

namespace webex {

// One text compressed on its own as raw deflate (no header or trailer),
// with what a gzip trailer needs to know of the text.
struct DeflatePiece {
  std::string bytes;
  uint32_t crc = 0;     // CRC-32 of the text
  uint64_t length = 0;  // bytes of text
};

// `text` as raw deflate at zlib's fastest level. A piece that is not
// `last` ends on a byte boundary without a final block, and starts no
// back-reference into any other piece, so pieces compressed apart join
// into one stream (as pigz's do). Texts of any size, beyond 4 GiB too.
// nullopt if zlib fails (out of memory).
std::optional<DeflatePiece> Deflate(std::string_view text, bool last);

// The same for the text `text` hands out, compressed as it comes.
std::optional<DeflatePiece> Deflate(TextChunks& text, bool last);

// One gzip member (RFC 1952) holding the concatenated texts of `pieces`,
// in order. Every piece but the final one must have been made with
// `last == false`, the final one with `last == true`.
std::string GzipOf(std::span<const DeflatePiece* const> pieces);

}  // namespace webex
