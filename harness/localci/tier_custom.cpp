// The custom tier: the recipe's own named tests, each a list of declarative checks.

#include "probes.hpp"
#include "tiers.hpp"

namespace canary::localci {

TierReport run_custom(TierContext& context) {
  TierReport tier{"custom"};
  const Recipe& recipe = context.deployment.recipe();
  if (recipe.tests.empty()) {
    tier.status = "skip";
    tier.reason = "the recipe declares no tests";
    return tier;
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
