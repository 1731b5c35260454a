#pragma once
// "Did you mean" hints for misspelt keys, tiers and flags.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace canary::yaml {

// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The first candidate at the smallest edit distance, when that distance is at most 2.
std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates);

// " (did you mean 'expect'?)" when a candidate is close, else " (expected one of: a, b, c)".
std::string hint(std::string_view word, std::span<const std::string_view> candidates);

// "a, b or c".
std::string join_alternatives(std::span<const std::string_view> words);

}  // namespace canary::yaml
