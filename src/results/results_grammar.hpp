#pragma once
// The shape of a cc-ci results.json: which value each position holds, which keys each object
// knows, and how a wrong value is described.

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace canary::results_detail {

// What the value at a position must be.
enum class Slot {
  root,
  ignored,
  schema,
  metadata,
  results,
  stages,
  level,
  rungs,
  flags,
  skips,
  tier_status,
  stage,
  stage_name,
  stage_status,
  tests,
  test,
  test_name,
  test_status,
  test_ms,
  rung_status,
  flag,
  skip_reason,
  skip_entry,
  skip_tier,
  skip_name,
  skip_entry_reason,
};

// The containers with a meaning; anything else sits under an ignored key.
enum class FrameKind {
  top,
  results,
  stages,
  stage,
  tests,
  test,
  rungs,
  flags,
  skip_map,
  skip_list,
  skip_entry
};

struct KnownKey {
  std::string_view key;  // a literal, so it outlives any document
  Slot slot;
};

bool is_array(FrameKind kind);
// Objects whose keys are names (tiers, rungs, flags) rather than a fixed vocabulary.
bool is_map(FrameKind kind);

// The fixed keys of a non-map object, in a fixed order (positions fit a 32-bit set).
std::span<const KnownKey> known_keys(FrameKind kind);
// The slot of every value in a map or an array.
Slot member_slot(FrameKind kind);
// Keys that only schema 2 has: a declared `"schema": 1` must not use them.
bool is_schema2_key(Slot slot);

// "an object", "a status word", "a non-negative integer", ...: for "expected X, got Y".
const char* expected_for(Slot slot);

}  // namespace canary::results_detail
