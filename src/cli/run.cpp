#include "annotate.hpp"
#include "commands.hpp"
#include "run_output.hpp"
#include "suite_options.hpp"
#include "suite_selection.hpp"

#include <canary/exit_codes.hpp>
#include <canary/printable.hpp>

#include "runner/process.hpp"
#include <canary/runner.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>

namespace canary::cli {
namespace {

struct RunOptions {
  std::vector<std::string> canaries;
  std::string label;
  std::string profile;
  std::string artifact_root;
  std::optional<int> retries;
  std::vector<std::string> ids;
  bool bisect = false;
  bool json = false;
  std::string annotate;
};

struct Row {
  const CanarySpec* spec = nullptr;
  Outcome outcome = Outcome::tool_error;
  std::size_t attempts = 0;
  double seconds = 0;
  std::string artifact_dir;
  std::vector<Finding> findings;
  std::vector<TierCell> cells;
  bool profile_error = false;  // the harness profile did not load: nothing was run
  bool user_error = false;     // its `user:` cannot be honoured here: nothing was run
  std::string json;            // the record as one JSON line, with --json only
};

// One status line, rewritten in place on a terminal; plain lines otherwise.
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO) == 1) {}
  void status(const std::string& line) {
    std::lock_guard lock(mutex_);
    if (tty_) {
      std::cerr << "\r\033[K" << terminal_safe(line) << std::flush;
    }
  }
  void event(const std::string& line) {
    std::lock_guard lock(mutex_);
    std::cerr << (tty_ ? "\r\033[K" : "") << terminal_safe(line) << "\n" << std::flush;
  }

 private:
  bool tty_;
  std::mutex mutex_;
};

std::vector<const CanarySpec*> choose(const Suite& suite, const RunOptions& options,
                                      std::string& error) {
  auto specs = select(suite, options.label);
  if (options.ids.empty()) return specs;
  std::vector<const CanarySpec*> chosen;
  for (const std::string& id : options.ids) {
    auto it = std::find_if(specs.begin(), specs.end(), [&](auto* s) { return s->id == id; });
    if (it == specs.end()) {
      error += fmt::format("canary run: no canary '{}'{}\n", id,
                           options.label.empty() ? "" : " with label '" + options.label + "'");
    } else {
      chosen.push_back(*it);
    }
  }
  return chosen;
}

Row run_one(const CanarySpec& spec, const Workspace& workspace,
            const RunOptions& options, Progress& progress, const std::string& position) {
  Row row;
  row.spec = &spec;
  const ProfileFile& profile =
      options.profile.empty() ? profile_for(workspace, spec) : find_profile(workspace, options.profile);
  if (!profile.ok()) {
    for (const Diagnostic& d : profile.diagnostics) progress.event(format(d));
    row.findings.push_back({"profile", "a loadable harness profile", "it did not load"});
    row.profile_error = true;
    RunRecord record;
    record.canary = spec.id;
    record.spec_path = spec.path;
    record.spec_hash = spec.hash;
    record.profile = options.profile.empty() ? spec.harness : options.profile;
    record.findings = row.findings;
    if (options.json) row.json = json_line(record);
    return row;
  }
  if (const std::string why = run_as_error(*profile.profile); !why.empty()) {
    progress.event("canary run: " + why);
    row.findings.push_back({"profile", "a user Canary can run the harness as", why});
    row.profile_error = row.user_error = true;
    return row;
  }
  RunnerOptions runner;
  runner.artifact_root = workspace.artifact_root;
  runner.bin_dir = workspace.bin_dir;
  runner.retries = options.retries;
  runner.progress = [&](const std::string& line) { progress.event(position + " " + line); };

  const auto start = std::chrono::steady_clock::now();
  auto future = std::async(std::launch::async, [&] { return run_canary(spec, *profile.profile, runner); });
  while (future.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    progress.status(fmt::format("{} {}: running on {} ({:.1f}s)", position, spec.id,
                                profile.profile->name, elapsed.count()));
  }
  const CanaryRun run = future.get();
  row.outcome = run.verdict.outcome;
  row.findings = run.verdict.findings;
  row.attempts = run.attempts.size();
  row.cells = tier_cells(spec, run.result);
  if (!run.attempts.empty()) {
    row.artifact_dir = run.last().artifact_dir;
    row.seconds = run.last().duration_s;
    if (options.json) row.json = json_line(run.last());
  }
  progress.event(fmt::format("{} {}: {} ({:.1f}s)", position, spec.id, to_string(row.outcome),
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()));
  return row;
}

void print_summary(const std::vector<Row>& rows, std::ostream& out) {
  std::vector<TierRow> table;
  for (const Row& r : rows) {
    table.push_back({r.spec->id, expectation_summary(*r.spec), std::string(to_string(r.outcome)),
                     r.cells});
  }
  out << render_tier_table(table) << "\n";
  std::size_t width = 6;
  for (const Row& r : rows) width = std::max(width, r.spec->id.size());
  for (const Row& r : rows) {
    out << fmt::format("{:<{}}  {} attempt{}, {:.1f}s  {}\n", r.spec->id, width, r.attempts,
                             r.attempts == 1 ? "" : "s", r.seconds, terminal_safe(r.artifact_dir));
  }
  for (const Row& r : rows) {
    if (r.findings.empty()) continue;
    out << "\n" << r.spec->id << " (" << to_string(r.outcome) << "):\n"
              << findings_text(r.findings, "  ");
  }
  std::size_t passed = std::count_if(rows.begin(), rows.end(), [](const Row& r) {
    return is_success(r.outcome);
  });
  out << fmt::format("\n{} passed, {} failed\n", passed, rows.size() - passed);
}

// GitHub workflow commands for each finding, at its spec line (else at the spec file).
void print_annotations(const std::vector<Row>& rows, std::ostream& out) {
  for (const Row& r : rows) {
    const std::string prefix = r.spec->id + " (" + std::string(to_string(r.outcome)) + "): ";
    for (const Finding& f : r.findings) out << github_command(f, prefix, r.spec->path);
  }
}

// A broken profile is a wrong input, like a broken spec: no revision of the CI server can fix it,
// so it comes first (and a bisection stops instead of skipping).
int exit_code_of(const std::vector<Row>& rows) {
  std::vector<ExitCode> codes;
  for (const Row& r : rows) codes.push_back(r.profile_error ? ExitCode::usage_error : exit_code_of(r.outcome));
  return to_int(worst_exit(codes));
}

int run_run(const RunOptions& options) {
  const Workspace workspace = workspace_with_artifact_root(options.artifact_root);
  const std::optional<Suite> suite = load_runnable(workspace, options.canaries, "canary run");
  if (!suite) return to_int(ExitCode::usage_error);
  std::string error;
  const auto specs = choose(*suite, options, error);
  if (!error.empty()) {
    std::cerr << error;
    return to_int(ExitCode::usage_error);
  }
  if (specs.empty()) {
    std::cerr << "canary run: no canary selected\n";
    return to_int(ExitCode::nothing_selected);
  }

  // Ctrl-C or a CI job's TERM: the runner stops the harness group and records why; we stop here.
  install_interrupt_handlers();
  Progress progress;
  std::vector<Row> rows;
  for (std::size_t i = 0; i < specs.size() && interrupt_signal() == 0; ++i) {
    const std::string position = fmt::format("[{}/{}]", i + 1, specs.size());
    rows.push_back(run_one(*specs[i], workspace, options, progress, position));
    if (options.json) std::cout << rows.back().json << "\n" << std::flush;
  }
  // With --json, stdout is for programs: the table and annotations go to stderr.
  std::ostream& human = options.json ? std::cerr : std::cout;
  print_summary(rows, human);
  if (options.annotate == "github") print_annotations(rows, human);
  int code = exit_code_of(rows);
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << fmt::format("canary run: interrupted by {}; {} of {} canaries not run\n",
                             signal_name(signal), specs.size() - rows.size(), specs.size());
    code = 128 + signal;  // the shell's convention for "ended by this signal"
  }
  if (options.json) {
    std::vector<Outcome> outcomes;
    for (const Row& r : rows) outcomes.push_back(r.outcome);
    std::cout << summary_json_line(outcomes, options.bisect ? bisect_exit_code(code) : code)
              << "\n";
  }
  return code;
}

}  // namespace

Action add_run(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  add_canaries_option(app, options->canaries,
                      "Canary file or directory; repeat for more (default: canaries/)");
  app.add_option("-l,--label", options->label, "Only canaries with this label (e.g. canary_fast)");
  app.add_option("-p,--profile", options->profile,
                 "Harness profile for every canary, by name or path (default: each canary's own)");
  app.add_option("--artifact-root", options->artifact_root,
                 "Where run directories go (default: $CANARY_ARTIFACT_ROOT or build/artifacts)");
  app.add_option("--retries", options->retries, "Retries after a TOOL_ERROR (default: the profile's)")
      ->check(CLI::Range(0, 10));
  app.add_option("ids", options->ids, "Canary ids to run (default: every selected canary)");
  app.add_flag("--bisect", options->bisect,
               "Exit as `git bisect run` expects: 0 good, 1 bad, 125 skip (tool error), "
               "128 abort (spec, profile or usage error)");
  app.add_flag("--json", options->json,
               "Print one JSON object per finished canary (its canary-run.json fields) and a "
               "final {\"summary\": ...}, one per line; the table goes to stderr");
  add_annotate_option(app, options->annotate);
  app.footer(
      "A MISMATCH is never retried; a TOOL_ERROR is, up to the profile's retries. A canary\n"
      "with `flaky` re-runs a MISMATCH to confirm it: FLAKY (exit 0, reported) if it does\n"
      "not repeat.\n"
      "Exit codes: 0 all passed, 1 a canary failed, 2 spec or usage error, 3 tool error,\n"
      "4 nothing selected, 128+N interrupted by signal N (SIGINT 130, SIGTERM 143).");
  return [options] {
    const int code = run_run(*options);
    return options->bisect ? bisect_exit_code(code) : code;
  };
}

}  // namespace canary::cli
