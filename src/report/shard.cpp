#include "report/shard.hpp"

#include <algorithm>
#include <charconv>

namespace canary {
namespace {

std::optional<std::size_t> parse_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string& error) {
  const std::string quoted = "'" + std::string(text) + "'";
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    error = "shard " + quoted + " is not I/N (e.g. 2/3: the second of three shards)";
    return std::nullopt;
  }
  const auto index = parse_number(text.substr(0, slash));
  const auto count = parse_number(text.substr(slash + 1));
  if (!index || !count) {
    error = "shard " + quoted + " is not I/N with whole numbers (e.g. 2/3)";
    return std::nullopt;
  }
  if (*count < 1 || *count > 1000) {
    error = "shard " + quoted + ": N must be between 1 and 1000";
    return std::nullopt;
  }
  if (*index < 1 || *index > *count) {
    error = "shard " + quoted + ": I must be between 1 and N (shards count from 1)";
    return std::nullopt;
  }
  return Shard{*index, *count};
}

bool in_shard(const std::vector<std::string>& all_keys, const std::string& key, Shard shard) {
  std::vector<std::string> sorted = all_keys;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), key);
  if (it == sorted.end() || *it != key) return false;
  const auto position = static_cast<std::size_t>(it - sorted.begin());
  return position % shard.count == shard.index - 1;
}

}  // namespace canary
