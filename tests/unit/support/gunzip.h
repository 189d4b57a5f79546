#pragma once

#include <zlib.h>

#include <optional>
#include <string>

namespace webex::testing {

// One gzip member decoded by zlib, which also checks its CRC-32 and
// length; nullopt when it is not a whole, valid member.
inline std::optional<std::string> Gunzip(const std::string& packed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());

  std::string out;
  int result = Z_OK;
  while (result == Z_OK) {
    size_t used = out.size();
    out.resize(used + (1 << 20));
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    stream.avail_out = 1 << 20;
    result = inflate(&stream, Z_NO_FLUSH);
    out.resize(out.size() - stream.avail_out);
  }
  bool whole = result == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!whole) return std::nullopt;
  return out;
}

}  // namespace webex::testing
