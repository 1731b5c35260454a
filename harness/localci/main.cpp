// canary-localci: the bundled local CI harness, and the reference implementation of the results
// protocol. `run` drives a recipe's lifecycle on 127.0.0.1; `up`, `tier`, `down` and `report`
// drive the same lifecycle one CI step at a time; `check-recipe` validates a recipe.

#include "child_process.hpp"
#include "faults.hpp"
#include "interrupt.hpp"
#include "recipe_loader.hpp"
#include "run.hpp"
#include "stepwise.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace fs = std::filesystem;
using namespace canary::localci;

namespace {

constexpr const char* kRecipesEnv = "CANARY_LOCALCI_RECIPES";

// --recipes-dir, else $CANARY_LOCALCI_RECIPES, else the fixtures built next to this program:
// <build>/bin/canary-localci -> <build>/fixtures/repos, or <prefix>/share/canary/fixtures/repos.
fs::path default_recipes_dir() {
  if (const char* env = std::getenv(kRecipesEnv); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (const auto& candidate : {exe_dir / ".." / "fixtures" / "repos",
                                exe_dir / ".." / "share" / "canary" / "fixtures" / "repos"})
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  return exe_dir / ".." / "fixtures" / "repos";
}

fs::path default_work_root() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? fs::path(tmp) : fs::path("/tmp");
}

int check_recipe_command(const fs::path& path) {
  const auto file = load_recipe_file(path);
  std::error_code ec;
  const std::string shown = (fs::is_directory(path, ec) ? path / kRecipeFile : path).string();
  for (const auto& diagnostic : file.diagnostics) std::cerr << format(shown, diagnostic) << "\n";
  if (!file.ok()) return kUsageError;
  std::cout << shown << ": ok (" << file.recipe->name << " " << file.recipe->version << ")\n";
  return 0;
}

// A stepwise subcommand after `up`: it works on the state directory `up` made.
CLI::App* after_up(CLI::App& app, const std::string& name, const std::string& description,
                   std::string& state_dir, const std::string& footer) {
  auto* command = app.add_subcommand(name, description);
  command->add_option("--state", state_dir, "The state directory of `up`")->required();
  command->footer(footer);
  return command;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "canary-localci: a local CI harness that runs recipe lifecycles with real nginx and "
      "PostgreSQL processes on 127.0.0.1 and writes results.json (cc-ci schema 2)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "canary-localci 0.1.0");

  RunOptions options;
  std::string recipes_dir;
  std::string work_dir;
  auto* run = app.add_subcommand(
      "run", "Run install, upgrade, backup, restore and custom tiers of a recipe at a SHA");
  run->add_option("--recipe", options.recipe,
                  "Recipe name: its repository is <recipes-dir>/<recipe>.git")
      ->required();
  run->add_option("--sha", options.sha, "The commit to deploy: 40 hex digits")->required();
  run->add_option("--run-id", options.run_id, "Identifier of this run ([A-Za-z0-9._-])")
      ->required();
  run->add_option("--out", options.out, "Artifact directory: results.json and logs/ go here")
      ->required();
  run->add_option("--recipes-dir", recipes_dir,
                  std::string("Directory of recipe repositories (default: $") + kRecipesEnv +
                      ", else the fixtures built beside this program)");
  run->add_option("--work-dir", work_dir,
                  "Where the run directory is made (default: $TMPDIR or /tmp)");
  std::string fault_help = "Run with a deliberate harness bug, to prove canaries catch it:";
  for (const auto& fault : kFaults)
    fault_help += "\n  " + std::string(fault.name) + ": " + std::string(fault.effect);
  run->add_option("--fault", options.faults, fault_help);
  run->footer(
      "Exit: 0 every tier passed or was skipped; 1 a tier failed, or the deploy did (then no\n"
      "tier runs); 2 bad arguments, unknown recipe or SHA; 128+N stopped by signal N after\n"
      "teardown.");

  // The stepwise lifecycle: one command per CI step, sharing a state directory.
  std::string state_dir;
  int idle_limit_s = 1800;
  auto* up = app.add_subcommand(
      "up", "Check out and deploy a recipe at a SHA; a supervisor keeps it running for `tier`");
  up->add_option("--recipe", options.recipe, "Recipe name (as for run)")->required();
  up->add_option("--sha", options.sha, "The commit to deploy: 40 hex digits")->required();
  up->add_option("--state", state_dir, "State directory shared by up, tier, down and report")
      ->required();
  options.run_id = "stepwise";
  up->add_option("--run-id", options.run_id, "Identifier of this run ([A-Za-z0-9._-])")->capture_default_str();
  up->add_option("--recipes-dir", recipes_dir, "Directory of recipe repositories (as for run)");
  up->add_option("--work-dir", work_dir, "Where the run directory is made (as for run)");
  up->add_option("--idle-timeout", idle_limit_s,
                 "Seconds without a request after which the supervisor tears down by itself")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  up->add_option("--fault", options.faults, "A deliberate harness bug (see list-faults)");
  up->footer(
      "Exit: 0 the supervisor holds the deployment; 1 the deploy failed (as run stops before\n"
      "any tier: the supervisor stays for `down`, and a tier asked anyway skips) or the\n"
      "supervisor could not start; 2 bad arguments, unknown recipe or SHA, or a run is\n"
      "already up in the state directory. `down` is safe to call whatever up did.");
  std::string tier_name;
  auto* tier = after_up(
      app, "tier",
      "Run one tier (install, upgrade, backup, restore, custom) against the deployment", state_dir,
      "Writes <state>/tiers/NAME.json (the tier as results.json's stages list it) and\n"
      "<state>/junit/NAME.xml, and prints the tier's log. A tier after a failed one is skipped.\n"
      "Exit: 0 pass, 1 fail, 3 skip, 4 error or nothing up (Buildbot's numbers for SKIPPED\n"
      "and EXCEPTION, so decodeRC={0: SUCCESS, 1: FAILURE, 3: SKIPPED, 4: EXCEPTION} maps them).");
  tier->add_option("name", tier_name, "The tier")->required();
  auto* down = after_up(
      app, "down",
      "Tear down: stop the services and supervisor, check leftovers and leaked secrets", state_dir,
      "Writes <state>/flags.json (clean_teardown, no_secret_leak) and <state>/out/results.json.\n"
      "Exit: 0 torn down clean (or nothing was up); 1 leftovers, a leaked secret, or no\n"
      "orderly teardown (what was left is killed and the teardown reported not clean).");
  std::string report_out;
  auto* report = after_up(
      app, "report", "Write results.json (cc-ci schema 2, as run writes it) and logs/ after down",
      state_dir, "Exit: 0 written; 2 no results (down has not run).");
  report->add_option("--out", report_out, "Artifact directory")->required();

  auto* list_faults = app.add_subcommand(
      "list-faults", "List the deliberate harness bugs that run --fault injects, one a line");
  list_faults->footer(
      "Each line is a fault's name, then what it does. `canary teeth --harness-faults` reads\n"
      "the names (the first word of each line) to inject each fault in turn.");

  std::string recipe_path;
  auto* check =
      app.add_subcommand("check-recipe", "Validate a recipe.yaml (or a directory holding one)");
  check->add_option("path", recipe_path, "recipe.yaml or its directory")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : kUsageError;
  }

  try {
    if (*check) return check_recipe_command(recipe_path);
    if (*list_faults) {
      std::size_t width = 0;
      for (const auto& fault : kFaults) width = std::max(width, fault.name.size());
      for (const auto& fault : kFaults)
        std::cout << fault.name << std::string(width + 2 - fault.name.size(), ' ') << fault.effect
                  << "\n";
      return 0;
    }
    install_interrupt_handlers();
    options.recipes_dir = recipes_dir.empty() ? default_recipes_dir() : fs::path(recipes_dir);
    options.work_root = work_dir.empty() ? default_work_root() : fs::path(work_dir);
    if (*up) return up_command(options, state_dir, idle_limit_s);
    if (*tier) return tier_command(tier_name, state_dir);
    if (*down) return down_command(state_dir);
    if (*report) return report_command(state_dir, report_out);
    become_subreaper();
    return run_recipe(options);
  } catch (const std::exception& error) {
    std::cerr << "canary-localci: internal error: " << error.what() << "\n";
    return kTierFailed;
  }
}
