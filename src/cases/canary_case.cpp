#include "canary_case.hpp"

#include <canary/spec_loader.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

namespace canary {
namespace {

// Makes `base` unique among `taken` by appending _2, _3, ... (or -2 for keys).
std::string unique_name(const std::string& base, std::set<std::string>& taken, char separator) {
  std::string name = base;
  for (int n = 2; taken.contains(name); ++n) name = base + separator + std::to_string(n);
  taken.insert(name);
  return name;
}

}  // namespace

std::vector<CanaryCase> load_cases(const Workspace& workspace) {
  const Suite suite = load_suite(workspace.canary_paths, spec_load_options(workspace));

  std::vector<CanaryCase> cases;
  std::set<std::string> keys;
  std::set<std::string> params;
  std::set<std::string> suite_labels = {"canary_fast"};
  for (const SpecFile& file : suite.files) {
    if (file.ok()) suite_labels.insert(file.spec->labels.begin(), file.spec->labels.end());
  }
  suite_labels.erase("canary");

  if (!suite.errors.empty()) {
    CanaryCase broken;
    broken.key = unique_name("suite", keys, '-');
    broken.param_name = unique_name("suite", params, '_');
    broken.path = workspace.canary_paths.empty() ? "" : workspace.canary_paths.front();
    broken.diagnostics = suite.errors;
    broken.labels.assign(suite_labels.begin(), suite_labels.end());
    cases.push_back(std::move(broken));
  }
  for (const SpecFile& file : suite.files) {
    CanaryCase c;
    c.path = file.path;
    c.diagnostics = file.diagnostics;
    if (file.ok()) {
      c.spec = file.spec;
      c.labels = file.spec->labels;
      std::erase(c.labels, "canary");
    } else {
      c.labels.assign(suite_labels.begin(), suite_labels.end());
    }
    const std::string base = c.spec ? c.spec->id : std::filesystem::path(file.path).stem().string();
    c.key = unique_name(base.empty() ? "unnamed" : base, keys, '-');
    c.param_name = unique_name(sanitize_test_name(c.key), params, '_');
    cases.push_back(std::move(c));
  }
  return cases;
}

void PrintTo(const CanaryCase& canary_case, std::ostream* os) {
  *os << canary_case.key << " (" << canary_case.path << ")";
}

}  // namespace canary
