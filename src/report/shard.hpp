#pragma once
// Splitting the canary set into N shards, each runnable on its own CI runner.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

// Shard `index` of `count`, 1-based like CI matrix variables: "2/3" is the second of three.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};

// Parses "I/N" (1 <= I <= N <= 1000). On bad input returns nullopt and sets `error`.
std::optional<Shard> parse_shard(std::string_view text, std::string& error);

// The keys of this shard: sort all keys, then the shard takes every N-th, starting at I-1.
// Deterministic and independent of the order keys are found in; the shards of one N are
// disjoint and together hold every key exactly once.
bool in_shard(const std::vector<std::string>& all_keys, const std::string& key, Shard shard);

}  // namespace canary
