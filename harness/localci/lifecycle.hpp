#pragma once
// The parts of a run that `run` (one process) and the stepwise commands (up/tier/down/report)
// share: checking the request and preparing the run, one tier, the teardown and the writing.

#include "results_writer.hpp"
#include "run.hpp"
#include "tiers.hpp"

#include <string>
#include <vector>

namespace canary::localci {

using TierFunction = TierReport (*)(TierContext&);

struct TierEntry {
  const char* name;
  TierFunction run;
};

// The tiers in lifecycle order.
const std::vector<TierEntry>& lifecycle_tiers();
const TierEntry* find_tier_entry(const std::string& name);

// Checks the request, makes the artifact and run directories and resolves the pinned commit.
// "" and `run` filled, or a usage error (nothing of the run left behind).
std::string prepare_run(const RunOptions& options, RunContext& run);

// Deploys the pinned commit before any tier, logged to logs/up.log. "" or why it failed: then
// no tier runs (as a CI server halts after a failed deploy step) and the run is a failure.
std::string deploy_pinned(RunContext& run, Deployment& deployment);

// The summary of a prepared run before any tier.
RunSummary start_summary(const RunContext& run);

// Runs one tier, or skips it when a tier in `done` failed or a stop signal arrived.
TierReport run_tier(const TierEntry& entry, TierContext& context,
                    const std::vector<TierReport>& done);

// Tears down, checks leftovers and leaked secrets, sets the exit code, writes results.json.
// "" or the write error.
std::string finish_run(RunSummary& summary, Deployment& deployment, RunContext& run);

void print_summary(const RunSummary& summary);

}  // namespace canary::localci
