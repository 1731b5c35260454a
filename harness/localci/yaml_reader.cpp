#include "yaml_reader.hpp"

#include <algorithm>
#include <set>

namespace canary::localci {
namespace {

// `value` (the `key` of the mapping `what`) as a T; absent, nothing; not a T, a diagnostic that
// it must be `must_be`.
template <class T>
std::optional<T> scalar_as(const YAML::Node& value, std::string_view key, const std::string& what,
                           std::string_view must_be, Diagnostics& diagnostics) {
  if (!value.IsDefined()) return std::nullopt;
  try {
    if (value.IsScalar()) return value.as<T>();
  } catch (const YAML::BadConversion&) {
  }
  diagnostics.error(value,
                    "'" + std::string(key) + "' of " + what + " must be " + std::string(must_be));
  return std::nullopt;
}

}  // namespace

std::string format(const std::string& path, const RecipeDiagnostic& diagnostic) {
  std::string where = path;
  if (diagnostic.mark.line > 0) {
    where += ":" + std::to_string(diagnostic.mark.line);
    if (diagnostic.mark.column > 0) where += ":" + std::to_string(diagnostic.mark.column);
  }
  return where + ": error: " + diagnostic.message;
}

Mark mark_of(const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

std::optional<std::string> scalar_string(const YAML::Node& node, const std::string& what,
                                         Diagnostics& diagnostics) {
  if (!node.IsScalar()) {
    diagnostics.error(node, what + " must be a string");
    return std::nullopt;
  }
  return node.Scalar();
}

MapReader::MapReader(const YAML::Node& node, std::string what,
                     std::vector<std::string_view> allowed, Diagnostics& diagnostics)
    : node_(node), what_(std::move(what)), diagnostics_(diagnostics), is_map_(node.IsMap()) {
  if (!is_map_) {
    diagnostics_.error(node, what_ + " must be a mapping");
    return;
  }
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      diagnostics_.error(it->first, "keys of " + what_ + " must be strings");
      continue;
    }
    const std::string key = it->first.Scalar();
    if (!seen.insert(key).second)
      diagnostics_.error(it->first, "duplicate key '" + key + "' in " + what_);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string expected;
      for (const auto& name : allowed)
        expected += (expected.empty() ? "" : ", ") + std::string(name);
      diagnostics_.error(it->first, "unknown key '" + key + "' in " + what_ +
                                        " (expected one of: " + expected + ")");
    }
  }
}

bool MapReader::has(std::string_view key) const { return is_map_ && get(key).IsDefined(); }

YAML::Node MapReader::get(std::string_view key) const {
  if (!is_map_) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> MapReader::string(std::string_view key, bool required) {
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (required && is_map_) diagnostics_.error(node_, what_ + " needs '" + std::string(key) + "'");
    return std::nullopt;
  }
  auto text = scalar_string(value, "'" + std::string(key) + "' of " + what_, diagnostics_);
  if (text && text->empty() && required) {
    diagnostics_.error(value, "'" + std::string(key) + "' of " + what_ + " must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<int> MapReader::integer(std::string_view key) {
  return scalar_as<int>(get(key), key, what_, "an integer", diagnostics_);
}

std::optional<bool> MapReader::boolean(std::string_view key) {
  return scalar_as<bool>(get(key), key, what_, "true or false", diagnostics_);
}

std::vector<std::string> MapReader::string_list(std::string_view key) {
  std::vector<std::string> items;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) return items;
  if (!value.IsSequence()) {
    diagnostics_.error(value, "'" + std::string(key) + "' of " + what_ + " must be a list");
    return items;
  }
  for (const auto& item : value)
    if (auto text = scalar_string(item, "an item of '" + std::string(key) + "'", diagnostics_))
      items.push_back(*text);
  return items;
}

Headers MapReader::string_map(std::string_view key) {
  Headers entries;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) return entries;
  const std::string what = "'" + std::string(key) + "' of " + what_;
  if (!value.IsMap()) {
    diagnostics_.error(value, what + " must be a mapping");
    return entries;
  }
  std::set<std::string> seen;
  for (auto it = value.begin(); it != value.end(); ++it) {
    auto name = scalar_string(it->first, "a key of " + what, diagnostics_);
    auto text = scalar_string(it->second, "a value of " + what, diagnostics_);
    if (!name || !text) continue;
    if (!seen.insert(*name).second)
      diagnostics_.error(it->first, "duplicate key '" + *name + "' in " + what);
    entries.emplace_back(*name, *text);
  }
  return entries;
}

}  // namespace canary::localci
