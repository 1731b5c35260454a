#pragma once
// Loading the suite for a command, and the words the commands print about a canary.

#include <canary/spec_loader.hpp>
#include <canary/tier_table.hpp>
#include <canary/verdict.hpp>
#include "workspace/workspace.hpp"

#include <string>
#include <vector>

namespace canary::cli {

// Loads the suite under `paths` (the workspace default when empty), with the default
// profile's extra tiers. Prints every diagnostic to stderr.
Suite load_and_report(const Workspace& workspace, const std::vector<std::string>& paths);

// The loaded specs with `label` among their labels (every spec when empty; `canary` matches all).
std::vector<const CanarySpec*> select(const Suite& suite, const std::string& label);

// Findings as indented lines, one per finding.
std::string findings_text(const std::vector<Finding>& findings, const std::string& indent);

}  // namespace canary::cli
