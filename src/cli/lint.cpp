#include "annotate.hpp"
#include "commands.hpp"
#include "suite_options.hpp"
#include "suite_selection.hpp"

#include <canary/exit_codes.hpp>
#include <canary/printable.hpp>
#include "model/parallel.hpp"
#include <canary/teeth.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace canary::cli {
namespace {

struct LintOptions {
  std::vector<std::string> paths;
  std::string annotate;
};

// A JUnit harness reports no flags, so a flag the spec names could never be satisfied.
int check_junit_flags(const CanarySpec& spec, const ProfileFile& profile) {
  if (!profile.ok() || profile.profile->junit_tiers.empty()) return 0;
  for (const std::string& flag : spec.expect.named_flags) {
    std::cerr << terminal_safe(spec.path + ": error: flag '" + flag +
                              "' is not reported by a JUnit harness (profile " +
                              profile.profile->name + " reads JUnit XML)")
              << "\n";
  }
  return static_cast<int>(spec.expect.named_flags.size());
}

// A spec whose harness profile is missing or broken cannot run: lint says so up front. A
// profile's warnings are about the profile, so they print once however many specs use it.
int check_profiles(const Workspace& workspace, const Suite& suite, std::vector<Diagnostic>& seen,
                   int& warnings) {
  int errors = 0;
  std::set<const ProfileFile*> warned;
  for (const SpecFile& file : suite.files) {
    if (!file.ok()) continue;
    const ProfileFile& profile = profile_for(workspace, *file.spec);
    const bool first = warned.insert(&profile).second;
    for (const Diagnostic& d : profile.diagnostics) {
      if (d.severity == Severity::warning && !first) continue;
      std::cerr << terminal_safe(format(d)) << "\n";
      seen.push_back(d);
      ++(d.severity == Severity::error ? errors : warnings);
    }
    if (!profile.ok() && profile.diagnostics.empty()) {
      std::cerr << terminal_safe(file.path + ": error: harness profile did not load") << "\n";
      seen.push_back({file.path, 0, 0, Severity::error, "harness profile did not load"});
      ++errors;
    }
    errors += check_junit_flags(*file.spec, profile);
  }
  return errors;
}

// A surviving mutant is a lie the spec accepts: a warning, since the spec still runs.
// The teeth checks (pure, one spec each) run on up to 4 threads; warnings print in file order.
int report_survivors(const Suite& suite) {
  // Only the warning lines are kept, so memory does not grow with every mutant of every spec.
  std::vector<std::vector<std::string>> lines(suite.files.size());
  parallel_for(suite.files.size(), threads_for(suite.files.size(), 64, 4), [&](std::size_t i) {
    const SpecFile& file = suite.files[i];
    if (!file.ok()) return;
    const TeethReport report = teeth(*file.spec);
    if (report.error) lines[i].push_back(file.path + ": warning: teeth: " + *report.error);
    for (const MutantOutcome& mutant : report.mutants) {
      if (mutant.fate != Fate::survived) continue;
      lines[i].push_back(file.path + ": warning: mutant survives: " + mutant.description);
    }
  });
  int warnings = 0;
  for (const std::vector<std::string>& file_lines : lines) {
    for (const std::string& line : file_lines) {
      std::cerr << terminal_safe(line) << "\n";  // mutants quote the spec's values
      ++warnings;
    }
  }
  return warnings;
}

int run_lint(const LintOptions& options) {
  const Workspace workspace = default_workspace();
  const Suite suite = load_and_report(workspace, options.paths);
  int errors = 0;
  int warnings = 0;
  std::vector<Diagnostic> diagnostics = suite.all_diagnostics();
  for (const Diagnostic& d : diagnostics) {
    (d.severity == Severity::error ? errors : warnings) += 1;
  }
  errors += check_profiles(workspace, suite, diagnostics, warnings);
  if (options.annotate == "github") {
    for (const Diagnostic& d : diagnostics) std::cout << github_command(d);
  }
  warnings += report_survivors(suite);
  const std::size_t files = suite.files.size();
  std::cout << fmt::format("{} canar{} checked: {} error{}, {} warning{}\n", files,
                           files == 1 ? "y" : "ies", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s");
  return suite_exit_code(errors > 0, files, "canary lint: no canary files (*.yaml, *.yml) found",
                         ExitCode::ok);
}

}  // namespace

Action add_lint(CLI::App& app) {
  auto options = std::make_shared<LintOptions>();
  add_paths_option(app, options->paths);
  add_annotate_option(app, options->annotate);
  app.footer("Exit codes: 0 clean, 2 errors found, 4 no canary files.");
  return [options] { return run_lint(*options); };
}

}  // namespace canary::cli
