#include "suite_selection.hpp"

#include <canary/printable.hpp>

#include <algorithm>
#include <iostream>

namespace canary::cli {

Suite load_and_report(const Workspace& workspace, const std::vector<std::string>& paths) {
  Suite suite =
      load_suite(paths.empty() ? workspace.canary_paths : paths, spec_load_options(workspace));
  // A spec's values are quoted in its diagnostics: escaped, so a spec cannot write to the terminal.
  for (const Diagnostic& d : suite.all_diagnostics()) std::cerr << terminal_safe(format(d)) << "\n";
  return suite;
}

Workspace workspace_with_artifact_root(const std::string& artifact_root) {
  Workspace workspace = default_workspace();
  if (!artifact_root.empty()) workspace.artifact_root = artifact_root;
  return workspace;
}

std::optional<Suite> load_runnable(const Workspace& workspace,
                                   const std::vector<std::string>& paths, std::string_view command) {
  Suite suite = load_and_report(workspace, paths);
  if (suite.ok()) return suite;
  std::cerr << command << ": fix the spec errors above first (canary lint)\n";
  return std::nullopt;
}

std::vector<const CanarySpec*> select(const Suite& suite, const std::string& label) {
  std::vector<const CanarySpec*> out;
  for (const SpecFile& file : suite.files) {
    if (!file.ok()) continue;
    const auto& labels = file.spec->labels;
    if (label.empty() || label == "canary" ||
        std::find(labels.begin(), labels.end(), label) != labels.end()) {
      out.push_back(&*file.spec);
    }
  }
  return out;
}

int suite_exit_code(bool input_errors, std::size_t selected, const std::string& nothing_selected,
                    ExitCode result) {
  if (input_errors) return to_int(ExitCode::usage_error);
  if (selected == 0) {
    std::cerr << nothing_selected << "\n";
    return to_int(ExitCode::nothing_selected);
  }
  return to_int(result);
}

std::string findings_text(const std::vector<Finding>& findings, const std::string& indent) {
  std::string out;
  for (const Finding& f : findings) out += indent + terminal_safe(format_located(f)) + "\n";
  return out;
}

}  // namespace canary::cli
