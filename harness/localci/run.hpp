#pragma once
// One harness run: check the recipe out at a SHA, run the tiers, tear down, write results.json.

#include <filesystem>
#include <set>
#include <string>

namespace canary::localci {

struct RunOptions {
  std::string recipe;
  std::string sha;
  std::string run_id;
  std::filesystem::path out;          // the artifact directory
  std::filesystem::path recipes_dir;  // holds <recipe>.git
  std::filesystem::path work_root;    // the run directory is made here
  std::set<std::string> faults;       // deliberate harness bugs (see faults.hpp)
};

// Exit codes of `canary-localci run`.
enum RunExit : int {
  kAllPassed = 0,
  kTierFailed = 1,    // a tier reported fail or error (results.json written)
  kUsageError = 2,    // bad arguments, unknown recipe or SHA (no results.json)
  kInterrupted = 128  // plus the signal number, after teardown (results.json written)
};

int run_recipe(const RunOptions& options);

}  // namespace canary::localci
