#pragma once
// Deliberate harness bugs (--fault NAME), so canaries can be shown to catch a broken harness.
// Each lives where the real bug would: in the tier, the deploy, the teardown or the writer.

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace canary::localci {

struct Fault {
  std::string_view name;
  std::string_view effect;
};

inline constexpr Fault kFaults[] = {
    {"ignore-custom-failures",
     "the custom tier reports pass whatever its tests found (a false green)"},
    {"leak-secret", "the harness writes the recipe's secrets into logs/harness.log"},
    {"skip-as-pass", "a skipped tier is reported as pass (a false green for what never ran)"},
    {"exit-zero", "the harness exits 0 whatever the tiers say (results.json stays truthful)"},
    {"drop-failed-tests", "failed tests are left out of the report; the tier still fails"},
    {"deploy-branch-head",
     "every tier deploys the head of `main` instead of the pinned SHA (a false green)"},
    {"noop-upgrade",
     "the upgrade tier never installs the previous release first, so it upgrades nothing"},
    {"restore-noop", "the restore step does nothing and says it is done (a false red)"},
    {"skip-teardown",
     "services are not stopped and the run directory stays (the leftover check sees it)"},
    {"tier-off-by-one",
     "each tier's status is reported under the next tier's name: failures show one tier late"},
    {"hang-custom", "the custom tier never finishes (a test without a timeout)"},
    {"crash-mid-run", "the harness aborts after the upgrade tier, leaving no results.json"},
    {"truncated-results",
     "results.json is written in place and cut off half-way (a non-atomic write)"},
    {"stale-results",
     "the previous run's results.json for the recipe is published instead of this run's"},
    {"wrong-recipe", "another recipe's checkout is tested, at its main, and reported as such"},
    {"leave-daemon",
     "one service survives teardown while the harness reports a clean teardown"},
    {"inconsistent-report", "the results map says pass where the stage failed"},
};

// "" when every name is a known fault, else a message naming the unknown one.
std::string check_faults(const std::set<std::string>& names);

}  // namespace canary::localci
