#pragma once
// Reads YAML mappings strictly: unknown, duplicate, missing and mistyped keys become diagnostics.

#include "recipe.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::localci {

struct RecipeDiagnostic {
  Mark mark;
  std::string message;
};

// "path:line:col: error: message", the compiler's format.
std::string format(const std::string& path, const RecipeDiagnostic& diagnostic);

Mark mark_of(const YAML::Node& node);

class Diagnostics {
 public:
  void error(Mark mark, std::string message) { list_.push_back({mark, std::move(message)}); }
  void error(const YAML::Node& node, std::string message) {
    error(mark_of(node), std::move(message));
  }
  bool empty() const { return list_.empty(); }
  const std::vector<RecipeDiagnostic>& list() const { return list_; }

 private:
  std::vector<RecipeDiagnostic> list_;
};

// One mapping of the file; `what` names it in messages ("service 'web'").
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string what, std::vector<std::string_view> allowed,
            Diagnostics& diagnostics);

  bool is_map() const { return is_map_; }
  const YAML::Node& node() const { return node_; }
  bool has(std::string_view key) const;
  YAML::Node get(std::string_view key) const;  // undefined when absent

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<int> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::vector<std::string> string_list(std::string_view key);
  // A mapping of strings to strings (headers), in file order.
  Headers string_map(std::string_view key);

 private:
  YAML::Node node_;
  std::string what_;
  Diagnostics& diagnostics_;
  bool is_map_ = false;
};

// A scalar as a string, or a diagnostic naming `what`.
std::optional<std::string> scalar_string(const YAML::Node& node, const std::string& what,
                                         Diagnostics& diagnostics);

}  // namespace canary::localci
