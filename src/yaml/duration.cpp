#include "duration.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

namespace canary::yaml {
namespace {

// Durations turn into deadlines in nanoseconds, so anything longer would overflow there.
constexpr std::int64_t kMaxMilliseconds = std::numeric_limits<std::int64_t>::max() / 1'000'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The unit at `text` in milliseconds, and how many characters it takes.
std::optional<std::pair<std::int64_t, std::size_t>> unit_at(std::string_view text) {
  if (text.substr(0, 2) == "ms") return std::pair<std::int64_t, std::size_t>{1, 2};
  switch (text.empty() ? '\0' : text.front()) {
    case 'h':
      return std::pair<std::int64_t, std::size_t>{3'600'000, 1};
    case 'm':
      return std::pair<std::int64_t, std::size_t>{60'000, 1};
    case 's':
      return std::pair<std::int64_t, std::size_t>{1'000, 1};
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::int64_t last_unit = std::numeric_limits<std::int64_t>::max();
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) return std::nullopt;
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), number);
    if (ec != std::errc()) return std::nullopt;
    i = static_cast<std::size_t>(end - text.data());
    std::int64_t unit = 1'000;
    if (i < text.size()) {
      const auto parsed = unit_at(text.substr(i));
      // Units go from largest to smallest, each at most once: "1h30m", never "30m1h" or "5m5m".
      if (!parsed || parsed->first >= last_unit) return std::nullopt;
      unit = last_unit = parsed->first;
      i += parsed->second;
    } else if (last_unit != std::numeric_limits<std::int64_t>::max()) {
      return std::nullopt;  // "1m30" leaves the last number without a unit
    }
    if (number > (kMaxMilliseconds - total) / unit) return std::nullopt;
    total += number * unit;
  }
  return std::chrono::milliseconds(total);
}

}  // namespace canary::yaml
