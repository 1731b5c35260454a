#pragma once
// Names seen so far, for duplicate checks: a linear scan while few, a hash index once many,
// so a results.json with a million tiers or tests stays linear.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace canary::results_detail {

class NameIndex {
 public:
  // The position recorded for `name`, if it was added.
  std::optional<std::size_t> find(std::string_view name) const;
  // Records `name` at `position` unless present; returns the earlier position when present.
  std::optional<std::size_t> insert(std::string_view name, std::size_t position);

 private:
  static constexpr std::size_t kLinearLimit = 16;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  std::vector<std::pair<std::string, std::size_t>> few_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> many_;
};

}  // namespace canary::results_detail
