#pragma once
// One GoogleTest parameter per canary YAML file, loaded or not.

#include <canary/diagnostic.hpp>
#include <canary/spec.hpp>
#include "workspace/workspace.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace canary {

struct CanaryCase {
  std::string key;         // the canary id, or the file stem when it did not load; unique
  std::string param_name;  // GoogleTest parameter name: [A-Za-z0-9_]+, unique
  std::string path;
  std::optional<CanarySpec> spec;       // nullopt when the file has errors
  std::vector<Diagnostic> diagnostics;  // every error and warning about this file
  std::vector<std::string> labels;      // CTest labels beyond `canary`
};

// Every canary file under the workspace's paths, in path order. Problems with the paths
// themselves become one case keyed "suite" that fails with them, so nothing vanishes quietly.
// A file that fails to load carries every label the suite uses (and canary_fast), so each
// label's selection shows it failing.
std::vector<CanaryCase> load_cases(const Workspace& workspace);

// Stable, pointer-free printing for GoogleTest (see docs/design.md, known traps).
void PrintTo(const CanaryCase& canary_case, std::ostream* os);

}  // namespace canary
