#include <canary/spec.hpp>

#include <algorithm>

namespace canary {

std::vector<std::pair<std::string, Status>> expected_tiers(const CanarySpec& spec) {
  std::vector<std::pair<std::string, Status>> out;
  auto put = [&out](const std::string& tier, Status status) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == tier; });
    if (it == out.end()) {
      out.emplace_back(tier, status);
    } else {
      it->second = status;
    }
  };
  if (spec.expect.fails_at) {
    const auto failing = tier_index(*spec.expect.fails_at);
    for (std::size_t i = 0; failing && i < *failing; ++i) {
      put(std::string(kStandardTiers[i]), Status::pass);
    }
    put(*spec.expect.fails_at, Status::fail);
  }
  for (const auto& [tier, status] : spec.expect.tiers) put(tier, status);
  return out;
}

std::optional<Color> expected_color(const CanarySpec& spec) {
  if (spec.expect.verdict) return spec.expect.verdict;
  if (spec.expect.fails_at) return Color::red;
  return std::nullopt;
}

SourceLocation locate(const CanarySpec& spec, const std::string& key) {
  const auto found = spec.places.find(key);
  if (spec.path.empty() || found == spec.places.end() || found->second.line <= 0) return {};
  return {spec.path, found->second.line, found->second.column};
}

}  // namespace canary
