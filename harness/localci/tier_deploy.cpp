// The install and upgrade tiers: a fresh deploy, and a redeploy over the previous release.

#include "git_checkout.hpp"
#include "probes.hpp"
#include "tiers.hpp"

namespace canary::localci {
namespace {

std::string serving_and_version(TierContext& context) {
  const Recipe& recipe = context.deployment.recipe();
  if (auto failure = run_checks(context.deployment, recipe.healthy, context.log); !failure.empty())
    return failure;
  if (!recipe.version_probe) return "";
  const auto version = read_value(context.deployment, *recipe.version_probe, context.log);
  if (!version.ok) return "version probe: " + version.detail;
  if (version.value != recipe.version)
    return "version probe gave '" + version.value + "', expected " + recipe.version;
  return "";
}

}  // namespace

TierReport run_install(TierContext& context) {
  TierReport tier{"install"};
  const auto error = context.predeployed != nullptr ? *context.predeployed
                                                    : context.deployment.deploy(context.run.sha);
  if (!error.empty()) {
    fail_test(context, tier, "test_serving", "deploy failed: " + error);
    return tier;
  }
  run_test(context, tier, "test_serving", [&] {
    return run_checks(context.deployment, context.deployment.recipe().healthy, context.log);
  });
  return tier;
}

TierReport run_upgrade(TierContext& context) {
  TierReport tier{"upgrade"};
  const std::string from =
      context.deployment.has_recipe() ? context.deployment.recipe().upgrade_from : "";
  if (from.empty()) {
    tier.status = "skip";
    tier.reason = "the recipe declares no upgrade_from release";
    return tier;
  }
  auto fail_both = [&](const std::string& reason) {
    fail_test(context, tier, "test_upgrade_reconverges", reason);
    fail_test(context, tier, "test_upgrade_data_survives", reason);
    return tier;
  };
  std::string error;
  // Fault noop-upgrade: the previous release is never installed; the pinned one is "upgraded"
  // onto itself.
  if (context.run.has_fault("noop-upgrade")) {
    context.log.note("fault noop-upgrade: staying on the installed release");
  } else {
    if (error = context.deployment.reset(); !error.empty())
      return fail_both("reset failed: " + error);
    const GitRepo repo{context.run.repo, context.log.path(), context.run.paths.tmp()};
    const auto previous = resolve_commit(repo, from, &error);
    if (!previous) return fail_both("previous release: " + error);
    context.log.note("previous release " + from + " is " + *previous);
    if (error = context.deployment.deploy(*previous); !error.empty())
      return fail_both("deploying previous release " + from + " failed: " + error);
  }

  std::optional<Probe> write;
  if (context.deployment.recipe().marker) write = context.deployment.recipe().marker->write;
  if (write) {
    if (error = write_value(context.deployment, *write, context.run.marker, context.log);
        !error.empty())
      return fail_both("seeding the previous release failed: " + error);
  }

  context.log.note("redeploying the pinned commit in place");
  if (error = context.deployment.deploy(context.run.sha); !error.empty())
    return fail_both("redeploying " + context.run.sha.substr(0, 12) + " failed: " + error);

  run_test(context, tier, "test_upgrade_reconverges", [&] { return serving_and_version(context); });
  const auto& marker = context.deployment.recipe().marker;
  if (!write || !marker) {
    skip_test(context, tier, "test_upgrade_data_survives", "the recipe declares no marker to seed");
    return tier;
  }
  run_test(context, tier, "test_upgrade_data_survives", [&]() -> std::string {
    const auto read = read_value(context.deployment, marker->read, context.log);
    if (!read.ok) return "marker read: " + read.detail;
    if (read.value != context.run.marker)
      return "the seeded marker did not survive: read '" + read.value + "', seeded '" +
             context.run.marker + "'";
    return "";
  });
  return tier;
}

}  // namespace canary::localci
