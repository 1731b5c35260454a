#include <canary/spec_loader.hpp>

#include <charconv>
#include <cstdint>
#include <limits>

namespace canary {
namespace {

// Durations turn into deadlines in nanoseconds, so anything longer would overflow there.
constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<std::int64_t> unit_seconds(char unit) {
  switch (unit) {
    case 'h':
      return 3600;
    case 'm':
      return 60;
    case 's':
      return 1;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
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
    std::int64_t unit = 1;
    if (i < text.size()) {
      const auto parsed = unit_seconds(text[i]);
      // Units go from largest to smallest, each at most once: "1h30m", never "30m1h" or "5m5m".
      if (!parsed || *parsed >= last_unit) return std::nullopt;
      unit = last_unit = *parsed;
      ++i;
    } else if (last_unit != std::numeric_limits<std::int64_t>::max()) {
      return std::nullopt;  // "1m30" leaves the last number without a unit
    }
    if (number > (kMaxSeconds - total) / unit) return std::nullopt;
    total += number * unit;
  }
  return std::chrono::seconds(total);
}

}  // namespace canary
