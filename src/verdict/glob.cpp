#include <canary/verdict.hpp>

#include <optional>

namespace canary {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

// Matches `c` against the class opening at pattern[open] == '['. Returns nullopt when the
// class is never closed (the caller then takes '[' literally); sets `end` past the ']'.
std::optional<bool> match_class(std::string_view pattern, std::size_t open, char c,
                                std::size_t& end) {
  std::size_t i = open + 1;
  const bool negated = i < pattern.size() && pattern[i] == '!';
  if (negated) ++i;
  const auto u = static_cast<unsigned char>(c);
  bool matched = false;
  for (bool first = true;; first = false) {
    if (i >= pattern.size()) return std::nullopt;
    if (pattern[i] == ']' && !first) break;  // a ']' right after '[' or '[!' is a member
    const auto low = static_cast<unsigned char>(pattern[i]);
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      const auto high = static_cast<unsigned char>(pattern[i + 2]);
      matched = matched || (low <= u && u <= high);
      i += 3;
    } else {
      matched = matched || low == u;
      ++i;
    }
  }
  end = i + 1;
  return matched != negated;
}

}  // namespace

// Greedy with one backtrack point: on a mismatch only the most recent `*` absorbs one more
// character, which is enough for globs and bounds the work by pattern × text (no exponential
// backtracking on patterns like a*a*a*a*b).
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = kNone;   // pattern position just after the last '*'
  std::size_t star_text = 0;  // text position that '*' currently stops at
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        star = ++p;
        star_text = t;
        continue;
      }
      std::size_t next = p + 1;
      bool matched = false;
      if (pc == '?') {
        matched = true;
      } else if (pc == '[') {
        const auto in_class = match_class(pattern, p, text[t], next);
        matched = in_class ? *in_class : text[t] == '[';
        if (!in_class) next = p + 1;
      } else {
        matched = pc == text[t];
      }
      if (matched) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star == kNone) return false;
    p = star;
    t = ++star_text;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace canary
