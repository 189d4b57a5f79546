#pragma once

#include <cstdint>
#include <string_view>

namespace webex {

// Which share of the locations this process polls (--shard N
// --total-shards M). A location belongs to shard FNV-1a-64(location id)
// mod M: stable across processes, versions and restarts, so replicas
// agree without talking to each other.
struct Shard {
  uint32_t index = 0;
  uint32_t total = 1;

  bool Owns(std::string_view location_id) const;
};

// 64-bit FNV-1a of the bytes of `text`.
uint64_t Fnv1a64(std::string_view text);

}  // namespace webex
