// The custom tier: the recipe's own named tests, each a list of declarative checks.

#include "interrupt.hpp"
#include "probes.hpp"
#include "tiers.hpp"

#include <chrono>
#include <thread>

namespace canary::localci {

TierReport run_custom(TierContext& context) {
  TierReport tier{"custom"};
  const Recipe& recipe = context.deployment.recipe();
  if (recipe.tests.empty()) {
    tier.status = "skip";
    tier.reason = "the recipe declares no tests";
    return tier;
  }
  // Fault hang-custom: a test with no timeout that never returns; only a stop signal ends it.
  if (context.run.has_fault("hang-custom")) {
    context.log.note("fault hang-custom: the custom tier hangs");
    while (!interrupted()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (const auto& test : recipe.tests)
    run_test(context, tier, test.name,
             [&] { return run_checks(context.deployment, test.checks, context.log); });
  if (context.run.has_fault("ignore-custom-failures")) {
    context.log.note("fault ignore-custom-failures: reporting every custom test as passed");
    for (auto& test : tier.tests) test.status = "pass";
    tier.status = "pass";
  }
  return tier;
}

}  // namespace canary::localci
