#include "run.hpp"

#include "interrupt.hpp"
#include "lifecycle.hpp"

#include <sys/resource.h>

#include <cstdlib>
#include <iostream>

namespace canary::localci {

int run_recipe(const RunOptions& options) {
  RunContext run;
  if (auto error = prepare_run(options, run); !error.empty()) {
    std::cerr << "canary-localci: error: " << error << "\n";
    return kUsageError;
  }
  RunSummary summary = start_summary(run);
  Deployment deployment(run);
  bool snapshot_taken = false;
  summary.deploy_error = deploy_pinned(run, deployment);
  for (const auto& entry : lifecycle_tiers()) {
    if (!summary.deploy_error.empty()) break;  // nothing came up: no tier runs
    TierLog log(run.paths.logs() / (std::string(entry.name) + ".log"), run.started);
    run.log = &log;
    // The install tier reports the deploy above instead of deploying again.
    TierContext context{run, deployment, log, snapshot_taken, &summary.deploy_error};
    summary.tiers.push_back(run_tier(entry, context, summary.tiers));
    snapshot_taken = context.snapshot_taken;
    if (run.has_fault("crash-mid-run") && summary.tiers.back().name == "upgrade") {
      TierLog(run.paths.logs() / "harness.log", run.started)
          .note("fault crash-mid-run: aborting after the upgrade tier");
      const rlimit no_core{0, 0};  // the crash is the point, a core file would be litter
      ::setrlimit(RLIMIT_CORE, &no_core);
      std::abort();
    }
  }
  if (auto write_error = finish_run(summary, deployment, run); !write_error.empty()) {
    std::cerr << "canary-localci: error: " << write_error << "\n";
    return kTierFailed;
  }
  print_summary(summary);
  // Fault exit-zero: the status is lost on the way out, as through a shell pipeline.
  return run.has_fault("exit-zero") ? kAllPassed : summary.exit_code;
}

}  // namespace canary::localci
