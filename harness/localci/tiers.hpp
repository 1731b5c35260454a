#pragma once
// The lifecycle tiers: each deploys or changes the deployment, then runs its named tests.

#include "deployment.hpp"
#include "run_context.hpp"

#include <functional>
#include <string>
#include <vector>

namespace canary::localci {

struct TestReport {
  std::string name;
  std::string status;  // pass, fail, skip
  long ms = 0;
  std::string reason;  // why it failed or was skipped
};

struct TierReport {
  TierReport() = default;
  explicit TierReport(std::string tier) : name(std::move(tier)) {}

  std::string name;
  std::string status = "pass";  // pass, fail, skip, error
  std::vector<TestReport> tests;
  std::string reason;  // for skip and error
  long ms = 0;
};

// What every tier works on.
struct TierContext {
  RunContext& run;
  Deployment& deployment;
  TierLog& log;
  // The run's backup snapshot, set by the backup tier for the restore tier.
  bool snapshot_taken = false;
  // Set when the pinned commit was already deployed (`up`): the result of that deploy, which
  // the install tier reports instead of deploying again.
  const std::string* predeployed = nullptr;
  // The result of `up`'s deploy for every tier: when it failed, a tier asked to run skips.
  const std::string* deploy_error = nullptr;
};

// Runs one named test: `body` returns "" to pass or the reason it failed. Logged and timed.
void run_test(TierContext& context, TierReport& tier, const std::string& name,
              const std::function<std::string()>& body);
// Records a test that could not run because its setup failed.
void fail_test(TierContext& context, TierReport& tier, const std::string& name,
               const std::string& reason);
void skip_test(TierContext& context, TierReport& tier, const std::string& name,
               const std::string& reason);

TierReport run_install(TierContext& context);
TierReport run_upgrade(TierContext& context);
TierReport run_backup(TierContext& context);
TierReport run_restore(TierContext& context);
TierReport run_custom(TierContext& context);

}  // namespace canary::localci
