#pragma once
// Loading the suite for a command, and the words the commands print about a canary.

#include <canary/exit_codes.hpp>
#include <canary/spec_loader.hpp>
#include <canary/tier_table.hpp>
#include <canary/verdict.hpp>
#include "workspace/workspace.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::cli {

// Loads the suite under `paths` (the workspace default when empty), with the default
// profile's extra tiers. Prints every diagnostic to stderr.
Suite load_and_report(const Workspace& workspace, const std::vector<std::string>& paths);

// The default workspace, its artifact root replaced by `artifact_root` when that is not empty.
Workspace workspace_with_artifact_root(const std::string& artifact_root);

// For a command that runs the canaries: the suite as load_and_report loads it, or none when a
// spec has errors, after "<command>: fix the spec errors above first (canary lint)" on stderr.
std::optional<Suite> load_runnable(const Workspace& workspace,
                                   const std::vector<std::string>& paths, std::string_view command);

// The loaded specs with `label` among their labels (every spec when empty; `canary` matches all).
std::vector<const CanarySpec*> select(const Suite& suite, const std::string& label);

// How a command over the suite ends, in the order lint, list and teeth share: 2 when its input
// had errors, else 4 when it selected nothing (after `nothing_selected` on stderr), else `result`.
int suite_exit_code(bool input_errors, std::size_t selected, const std::string& nothing_selected,
                    ExitCode result);

// Findings as indented lines, one per finding.
std::string findings_text(const std::vector<Finding>& findings, const std::string& indent);

}  // namespace canary::cli
