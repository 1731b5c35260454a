#pragma once
// The stepwise lifecycle, one command per CI step: `up` deploys and leaves a supervisor holding
// the deployment, `tier NAME` runs one tier against it, `down` tears down, `report` writes
// results.json. `run` is the same lifecycle in one process (see lifecycle.hpp).

#include "run.hpp"

#include <filesystem>
#include <string>

namespace canary::localci {

// Exit codes of `tier`: the numbers Buildbot gives those results, so a CI server can map them.
enum TierExit : int { kTierPass = 0, kTierFail = 1, kTierSkip = 3, kTierError = 4 };

// `options.out` is ignored: the run's artifacts stay in <state>/out until `report`.
int up_command(RunOptions options, const std::filesystem::path& state, int idle_limit_s);
int tier_command(const std::string& name, const std::filesystem::path& state);
int down_command(const std::filesystem::path& state);
int report_command(const std::filesystem::path& state, const std::filesystem::path& out);

}  // namespace canary::localci
