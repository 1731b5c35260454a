#include "lifecycle.hpp"

#include "child_process.hpp"
#include "faults.hpp"
#include "files.hpp"
#include "git_checkout.hpp"
#include "interrupt.hpp"
#include "teardown.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <regex>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

// Fault wrong-recipe: a workspace left by another job. The first other recipe in the recipes
// dir is checked out at its main, and reported under its own name and SHA.
void use_another_recipe(const RunOptions& options, RunContext& run, TierLog& log) {
  std::vector<fs::path> repos;
  std::error_code ec;
  for (fs::directory_iterator it(options.recipes_dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".git" && it->path().stem() != run.recipe)
      repos.push_back(it->path());
  if (repos.empty()) return;
  std::sort(repos.begin(), repos.end());
  std::string error;
  const auto head = resolve_commit({repos.front(), log.path(), run.paths.tmp()}, "main", &error);
  if (!head) return;
  log.note("fault wrong-recipe: testing " + repos.front().stem().string() + " at " + *head);
  run.recipe = repos.front().stem().string();
  run.repo = repos.front();
  run.sha = *head;
}

long since_ms(std::chrono::steady_clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count());
}

fs::path recipe_repository(const RunOptions& options) {
  // A bare <recipe>.git, or a working repository <recipe>/.git.
  for (const auto& candidate : {options.recipes_dir / (options.recipe + ".git"),
                                options.recipes_dir / options.recipe / ".git"}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return candidate;
  }
  return {};
}

// A tier after a failed one, or after a stop signal, is skipped with the reason.
std::string skip_reason(const std::vector<TierReport>& done) {
  if (interrupted()) return "the run was stopped by a signal";
  for (const auto& tier : done)
    if (tier.status == "fail" || tier.status == "error") return "tier " + tier.name + " failed";
  return "";
}

}  // namespace

const std::vector<TierEntry>& lifecycle_tiers() {
  static const std::vector<TierEntry> tiers = {{"install", run_install},
                                               {"upgrade", run_upgrade},
                                               {"backup", run_backup},
                                               {"restore", run_restore},
                                               {"custom", run_custom}};
  return tiers;
}

const TierEntry* find_tier_entry(const std::string& name) {
  for (const auto& entry : lifecycle_tiers())
    if (name == entry.name) return &entry;
  return nullptr;
}

std::string prepare_run(const RunOptions& options, RunContext& run) {
  if (!std::regex_match(options.recipe, std::regex("[a-z0-9][a-z0-9-]*")))
    return "--recipe '" + options.recipe + "' is not a recipe name ([a-z0-9][a-z0-9-]*)";
  if (!is_full_sha(options.sha))
    return "--sha '" + options.sha + "' must be a full commit SHA (40 lowercase hex digits)";
  if (!std::regex_match(options.run_id, std::regex("[A-Za-z0-9._-]+")))
    return "--run-id '" + options.run_id + "' must be non-empty [A-Za-z0-9._-]";
  if (auto error = check_faults(options.faults); !error.empty()) return error;
  const fs::path repo = recipe_repository(options);
  if (repo.empty())
    return "no repository for recipe '" + options.recipe + "' in " +
           options.recipes_dir.string() +
           " (build the fixtures, or set --recipes-dir or CANARY_LOCALCI_RECIPES)";

  run.recipe = options.recipe;
  run.sha = options.sha;
  run.run_id = options.run_id;
  run.repo = repo;
  run.faults = options.faults;
  if (run.has_fault("leave-daemon")) ChildProcess::without_parent_death_signal();
  for (const auto& fault : run.faults)
    std::cerr << "canary-localci: warning: running with --fault " << fault << "\n";
  run.paths.out = fs::absolute(options.out);
  if (auto error = make_dirs(run.paths.logs()); !error.empty()) return error;
  std::error_code ec;
  fs::remove(run.paths.out / "results.json", ec);

  std::string pattern = (options.work_root / "canary-localci-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return "cannot make a run directory in " + options.work_root.string();
  run.paths.run = pattern;
  // Service users (nginx workers, postgres) must reach their files under the run directory.
  ::chmod(run.paths.run.c_str(), 0755);
  make_dirs(run.paths.tmp());

  TierLog harness_log(run.paths.logs() / "harness.log", run.started);
  harness_log.note("run " + run.run_id + ": recipe " + run.recipe + " at " + run.sha + " from " +
                   repo.string());
  harness_log.note("run directory " + run.paths.run.string());
  std::string error;
  if (run.has_fault("wrong-recipe")) use_another_recipe(options, run, harness_log);
  const auto commit =
      resolve_commit({run.repo, harness_log.path(), run.paths.tmp()}, run.sha, &error);
  if (!commit || *commit != run.sha) {
    remove_tree(run.paths.run);
    return "unknown SHA " + run.sha + " for recipe '" + run.recipe + "': not a commit of " +
           repo.string();
  }
  run.marker = "canary-marker-" + random_hex(8);
  return "";
}

std::string deploy_pinned(RunContext& run, Deployment& deployment) {
  TierLog log(run.paths.logs() / "up.log", run.started);
  run.log = &log;
  std::string error;
  try {
    error = deployment.deploy(run.sha);
  } catch (const std::exception& exception) {
    error = std::string("harness error: ") + exception.what();
  }
  while (!error.empty() && std::isspace(static_cast<unsigned char>(error.back()))) error.pop_back();
  if (error.empty() && interrupted()) error = "interrupted by a signal during the deploy";
  log.note(error.empty() ? "deployed " + run.sha : "deploy failed: " + error);
  run.log = nullptr;
  return error;
}

RunSummary start_summary(const RunContext& run) {
  RunSummary summary;
  summary.recipe = run.recipe;
  summary.sha = run.sha;
  summary.run_id = run.run_id;
  summary.started = utc_now();
  summary.run_dir = run.paths.run.string();
  summary.faults = run.faults;
  return summary;
}

TierReport run_tier(const TierEntry& entry, TierContext& context,
                    const std::vector<TierReport>& done) {
  const auto start = std::chrono::steady_clock::now();
  TierReport report{entry.name};
  auto reason = skip_reason(done);
  if (reason.empty() && context.deploy_error != nullptr && !context.deploy_error->empty())
    reason = "the deploy failed: nothing is deployed to test";
  if (!reason.empty()) {
    // Fault skip-as-pass: the status of a tier that never ran defaults to pass.
    report.status = context.run.has_fault("skip-as-pass") ? "pass" : "skip";
    report.reason = reason;
  } else {
    context.log.note("tier " + std::string(entry.name) + " starts");
    try {
      report = entry.run(context);
    } catch (const std::exception& error) {
      // A harness fault is the harness's error, never a verdict on the recipe.
      report.status = "error";
      report.reason = std::string("harness error: ") + error.what();
    }
    if (interrupted()) {
      report.status = "error";
      report.reason = "interrupted by a signal during the tier";
    }
  }
  report.ms = since_ms(start);
  context.log.note("tier " + std::string(entry.name) + ": " + report.status +
                   (report.reason.empty() ? "" : " (" + report.reason + ")"));
  return report;
}

std::string finish_run(RunSummary& summary, Deployment& deployment, RunContext& run) {
  TierLog harness_log(run.paths.logs() / "harness.log", run.started);
  if (run.has_fault("leak-secret"))
    for (const auto& secret : run.secrets.values())
      harness_log.note("fault leak-secret: " + secret);

  TierLog teardown_log(run.paths.logs() / "teardown.log", run.started);
  run.log = &teardown_log;
  summary.teardown = tear_down(deployment, run, teardown_log, run.has_fault("skip-teardown"));
  summary.services = deployment.traces();
  summary.interrupt_signal = interrupt_signal();
  summary.exit_code = summary.interrupt_signal != 0 ? kInterrupted + summary.interrupt_signal
                     : summary.deploy_error.empty()  ? tiers_exit_code(summary.tiers)
                                                     : kTierFailed;
  summary.finished = utc_now();

  summary.leaks = find_secret_leaks(
      run.paths.out, run.secrets.values(),
      results_json(summary).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  for (const auto& leak : summary.leaks) teardown_log.note("SECRET LEAKED in " + leak);
  auto results = results_json(summary, run.has_fault("tier-off-by-one"));
  if (run.has_fault("inconsistent-report")) pass_failed_tiers_in_map(results);
  std::string write_error = run.has_fault("truncated-results")
                                ? write_results_truncated(run.paths.out, results)
                                : write_results(run.paths.out, results);
  if (write_error.empty() && run.has_fault("stale-results")) {
    const std::string stale = publish_previous_results(run.paths.out, run.recipe);
    harness_log.note("fault stale-results: " +
                     (stale.empty() ? "published the previous run's results.json" : stale));
  }
  return write_error;
}

void print_summary(const RunSummary& summary) {
  std::cout << "canary-localci: " << summary.recipe << " @ " << summary.sha.substr(0, 12)
            << " (run " << summary.run_id << ")\n";
  if (!summary.deploy_error.empty())
    std::cout << "  deploy   fail  (" << summary.deploy_error << "): no tier run\n";
  for (const auto& tier : summary.tiers) {
    std::cout << "  " << tier.name << std::string(9 - tier.name.size(), ' ') << tier.status
              << std::string(6 - std::min<std::size_t>(5, tier.status.size()), ' ') << tier.ms
              << " ms";
    for (const auto& test : tier.tests) std::cout << "  " << test.name << "=" << test.status;
    if (!tier.reason.empty()) std::cout << "  (" << tier.reason << ")";
    std::cout << "\n";
  }
  std::cout << "  teardown " << (summary.teardown.clean() ? "clean" : "NOT CLEAN") << ", secrets "
            << (summary.leaks.empty() ? "not leaked" : "LEAKED") << ", exit " << summary.exit_code
            << "\n";
}

}  // namespace canary::localci
