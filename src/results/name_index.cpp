#include "name_index.hpp"

namespace canary::results_detail {

std::optional<std::size_t> NameIndex::find(std::string_view name) const {
  if (!many_.empty()) {
    const auto it = many_.find(name);
    if (it == many_.end()) return std::nullopt;
    return it->second;
  }
  for (const auto& [known, position] : few_) {
    if (known == name) return position;
  }
  return std::nullopt;
}

std::optional<std::size_t> NameIndex::insert(std::string_view name, std::size_t position) {
  if (const auto earlier = find(name)) return earlier;
  if (!many_.empty()) {
    many_.emplace(std::string(name), position);
  } else if (few_.size() < kLinearLimit) {
    few_.emplace_back(std::string(name), position);
  } else {
    for (auto& [known, at] : few_) many_.emplace(std::move(known), at);
    few_.clear();
    many_.emplace(std::string(name), position);
  }
  return std::nullopt;
}

}  // namespace canary::results_detail
