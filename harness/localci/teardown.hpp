#pragma once
// Teardown: stop everything, prove nothing of the run is left, and look for leaked secrets.

#include "deployment.hpp"
#include "run_context.hpp"

#include <string>
#include <vector>

namespace canary::localci {

struct TeardownReport {
  std::vector<std::string> leftovers;  // each process, port or file of the run still there
  long ms = 0;
  bool clean() const { return leftovers.empty(); }
};

// Stops the services, removes the run directory, then checks for surviving process groups,
// listening ports, processes naming the run directory, and the directory itself.
// `skip` (fault skip-teardown) leaves everything running: only the leftover check runs.
TeardownReport tear_down(Deployment& deployment, const RunContext& run, TierLog& log,
                         bool skip = false);

// The processes (other than this one) whose command line names `dir`.
std::vector<int> pids_naming(const std::filesystem::path& dir);

// The artifact files (relative to `out`) holding any secret value, plus "results.json" when
// `results_text` does.
std::vector<std::string> find_secret_leaks(const std::filesystem::path& out,
                                           const std::vector<std::string>& secrets,
                                           const std::string& results_text);

}  // namespace canary::localci
