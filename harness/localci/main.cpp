// canary-localci: the bundled local CI harness, and the reference implementation of the results
// protocol. `run` drives a recipe's lifecycle on 127.0.0.1; `check-recipe` validates a recipe.

#include "child_process.hpp"
#include "faults.hpp"
#include "interrupt.hpp"
#include "recipe_loader.hpp"
#include "run.hpp"

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
      "Exit: 0 every tier passed or was skipped; 1 a tier failed; 2 bad arguments, unknown recipe "
      "or "
      "SHA; 128+N stopped by signal N after teardown.");

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
    become_subreaper();
    options.recipes_dir = recipes_dir.empty() ? default_recipes_dir() : fs::path(recipes_dir);
    options.work_root = work_dir.empty() ? default_work_root() : fs::path(work_dir);
    return run_recipe(options);
  } catch (const std::exception& error) {
    std::cerr << "canary-localci: internal error: " << error.what() << "\n";
    return kTierFailed;
  }
}
