#include "poll/shard.h"

namespace webex {

uint64_t Fnv1a64(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

bool Shard::Owns(std::string_view location_id) const {
  return total <= 1 || Fnv1a64(location_id) % total == index;
}

}  // namespace webex
