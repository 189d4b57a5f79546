#include "util/deflate.h"

#include <zlib.h>

#include <functional>

namespace webex {
namespace {

// zlib counts in uInt; feeding it a slice at a time keeps any text
// within that, and the output grows by one step at a time instead of
// reserving deflateBound() of a text that shrinks tenfold.
constexpr size_t kInputSlice = size_t{1} << 20;
constexpr size_t kOutputStep = size_t{256} << 10;

// Runs deflate on the input in `stream` with `flush` until zlib has
// written all it has to, appending to `out`. False on a zlib error.
bool Drain(z_stream& stream, int flush, std::string& out) {
  do {
    size_t used = out.size();
    out.resize(used + kOutputStep);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    stream.avail_out = static_cast<uInt>(kOutputStep);
    int result = deflate(&stream, flush);
    out.resize(out.size() - stream.avail_out);
    // Z_BUF_ERROR only says there was nothing left to do.
    if (result == Z_STREAM_ERROR) return false;
  } while (stream.avail_out == 0);
  return true;
}

void AppendLittleEndian32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) {
    out += static_cast<char>((value >> shift) & 0xff);
  }
}

// Compresses the slices `next` hands out until it hands out an empty
// one. A text of any size, as no slice is much over kInputSlice.
std::optional<DeflatePiece> DeflateSlices(
    const std::function<std::string_view()>& next, bool last) {
  z_stream stream{};
  // Negative window bits: raw deflate, the header and trailer are GzipOf's.
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, -15, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }

  DeflatePiece piece;
  uLong crc = crc32(0, nullptr, 0);
  bool ok = true;
  for (std::string_view slice = next(); ok && !slice.empty(); slice = next()) {
    const auto* data = reinterpret_cast<const Bytef*>(slice.data());
    crc = crc32(crc, data, static_cast<uInt>(slice.size()));
    piece.length += slice.size();
    stream.next_in = const_cast<Bytef*>(data);
    stream.avail_in = static_cast<uInt>(slice.size());
    ok = Drain(stream, Z_NO_FLUSH, piece.bytes);
  }
  // A sync flush ends the piece on a byte boundary with no final block.
  if (ok) ok = Drain(stream, last ? Z_FINISH : Z_SYNC_FLUSH, piece.bytes);
  deflateEnd(&stream);

  if (!ok) return std::nullopt;
  piece.crc = static_cast<uint32_t>(crc);
  piece.bytes.shrink_to_fit();  // a cached piece keeps no slack
  return piece;
}

}  // namespace

std::optional<DeflatePiece> Deflate(std::string_view text, bool last) {
  return DeflateSlices(
      [&text] {
        std::string_view slice = text.substr(0, kInputSlice);
        text.remove_prefix(slice.size());
        return slice;
      },
      last);
}

// One slice of text at a time, so that the whole text is never in memory.
std::optional<DeflatePiece> Deflate(TextChunks& text, bool last) {
  std::string slice;
  return DeflateSlices(
      [&] {
        slice.clear();
        text.Next(slice, kInputSlice);
        return std::string_view(slice);
      },
      last);
}

std::string GzipOf(std::span<const DeflatePiece* const> pieces) {
  // ID1 ID2, deflate, no flags, no time, fastest (XFL 4), Unix (OS 3).
  constexpr std::string_view kHeader("\x1f\x8b\x08\0\0\0\0\0\x04\x03", 10);
  size_t size = kHeader.size() + 8;
  for (const DeflatePiece* piece : pieces) size += piece->bytes.size();

  std::string out;
  out.reserve(size);
  out += kHeader;
  uLong crc = crc32(0, nullptr, 0);
  uint64_t length = 0;
  for (const DeflatePiece* piece : pieces) {
    out += piece->bytes;
    crc = crc32_combine(crc, piece->crc, static_cast<z_off_t>(piece->length));
    length += piece->length;
  }
  AppendLittleEndian32(out, static_cast<uint32_t>(crc));
  AppendLittleEndian32(out, static_cast<uint32_t>(length));  // mod 2^32
  return out;
}

}  // namespace webex
