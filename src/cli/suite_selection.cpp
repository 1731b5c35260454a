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

std::string findings_text(const std::vector<Finding>& findings, const std::string& indent) {
  std::string out;
  for (const Finding& f : findings) out += indent + terminal_safe(format_located(f)) + "\n";
  return out;
}

}  // namespace canary::cli
