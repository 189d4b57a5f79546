#pragma once

#include <cstddef>
#include <string>

namespace webex {

// A text handed out a piece at a time, so that a large answer need never
// be whole in memory: the server sends each piece while the next is made.
class TextChunks {
 public:
  virtual ~TextChunks() = default;

  // Appends the next piece to `out`, stopping once about `size` bytes
  // were appended (a piece may run over by one line). Returns false, and
  // appends nothing, once the text is done.
  virtual bool Next(std::string& out, size_t size) = 0;
};

}  // namespace webex
