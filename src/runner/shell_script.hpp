#pragma once
// Spec-controlled placeholders spliced into a shell's script string: a recipe or ref that holds
// `;` or `$(...)` would run as shell code there, while as its own argument ("$1") it is data.

#include <canary/diagnostic.hpp>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace canary {

// The placeholders a canary spec (or the harness reporting on it) controls.
inline constexpr std::string_view kSpecPlaceholders[] = {"canary", "recipe", "ref", "sha"};

struct ShellScript {
  std::size_t index = 0;      // of the script argument in the command
  std::string shell;          // "sh", "bash", ... as the command names it
  std::string flag;           // "-c", "-ec", ...
  std::vector<std::string> placeholders;  // spec-controlled ones the script uses, in order
};

// The script of a `sh -c SCRIPT ...` command (also `bash`, `dash`, `zsh`, `ksh`, `ash`, behind
// `env`), when it uses a spec-controlled placeholder; nullopt otherwise.
std::optional<ShellScript> spliced_placeholders(const std::vector<std::string>& command);

// The lint warning for `script`, with the fix: pass each as its own argument, read as "$1".
std::string shell_script_warning(const ShellScript& script);

// The profile loader's check: that warning, at the script's place in `path`, when `command`
// (read from the YAML list `node`) splices such a placeholder.
void warn_spliced_placeholders(const std::string& path, const YAML::Node& node,
                               const std::vector<std::string>& command,
                               std::vector<Diagnostic>& diagnostics);

}  // namespace canary
