#include <canary/teeth.hpp>

#include <string_view>

namespace canary {
namespace {

std::string word(Status status) { return std::string(to_string(status)); }

Mutant make(MutationPoint kind, std::string point, std::string change, RunResult result) {
  return {kind, 0, 0, std::move(point), std::move(change), std::move(result)};
}

void tier_mutants(const RunResult& model, std::vector<Mutant>& out) {
  for (std::size_t t = 0; t < model.tiers.size(); ++t) {
    const TierResult& tier = model.tiers[t];
    for (Status status : kTierStatuses) {
      if (status == tier.status) continue;
      RunResult result = model;
      result.tiers[t].status = status;
      Mutant mutant = make(MutationPoint::tier, "tier " + tier.name,
                           word(tier.status) + " -> " + word(status), std::move(result));
      mutant.tier = t;
      out.push_back(std::move(mutant));
    }
  }
}

// A tier the spec expects not_run is absent from the model: it appears with each status.
void absent_tier_mutants(const CanarySpec& spec, const RunResult& model, std::vector<Mutant>& out) {
  for (const auto& [tier, expected] : expected_tiers(spec)) {
    if (expected != Status::not_run || model.find_tier(tier) != nullptr) continue;
    for (Status status : kTierStatuses) {
      RunResult result = model;
      result.tiers.push_back({tier, status, {}, {}});
      Mutant mutant = make(MutationPoint::tier, "tier " + tier, "not run -> " + word(status),
                           std::move(result));
      mutant.tier = model.tiers.size();
      out.push_back(std::move(mutant));
    }
  }
}

void test_mutants(const RunResult& model, std::vector<Mutant>& out) {
  for (std::size_t t = 0; t < model.tiers.size(); ++t) {
    const TierResult& tier = model.tiers[t];
    for (std::size_t i = 0; i < tier.tests.size(); ++i) {
      const TestResult& test = tier.tests[i];
      const std::string point = "test " + tier.name + "/" + test.name;
      auto add = [&](std::string change, RunResult result) {
        Mutant mutant = make(MutationPoint::test, point, std::move(change), std::move(result));
        mutant.tier = t;
        mutant.test = i;
        out.push_back(std::move(mutant));
      };
      RunResult removed = model;
      removed.tiers[t].tests.erase(removed.tiers[t].tests.begin() + static_cast<std::ptrdiff_t>(i));
      add(word(test.status) + " -> removed", std::move(removed));
      for (Status status : kAllStatuses) {
        if (status == test.status) continue;
        RunResult result = model;
        result.tiers[t].tests[i].status = status;
        add(word(test.status) + " -> " + word(status), std::move(result));
      }
    }
  }
}

void flag_mutants(const RunResult& model, std::vector<Mutant>& out) {
  for (const auto& [flag, value] : model.flags) {
    const std::string from = value ? "true" : "false";
    RunResult flipped = model;
    flipped.flags[flag] = !value;
    out.push_back(make(MutationPoint::flag, "flag " + flag,
                       from + " -> " + (value ? "false" : "true"), std::move(flipped)));
    RunResult removed = model;
    removed.flags.erase(flag);
    out.push_back(
        make(MutationPoint::flag, "flag " + flag, from + " -> removed", std::move(removed)));
  }
}

void exit_code_mutants(const CanarySpec& spec, const RunResult& model, std::vector<Mutant>& out) {
  const int code = model.exit_code.value_or(0);
  std::vector<int> targets = {code == 0 ? 1 : 0};
  if (spec.expect.exit_code && *spec.expect.exit_code != 0) targets.push_back(code == 1 ? 2 : 1);
  for (int target : targets) {
    RunResult result = model;
    result.exit_code = target;
    out.push_back(make(MutationPoint::exit_code, "exit_code",
                       std::to_string(code) + " -> " + std::to_string(target), std::move(result)));
  }
}

void level_mutants(const RunResult& model, std::vector<Mutant>& out) {
  if (!model.level) return;
  const int level = *model.level;
  for (int target : {level + 1, level - 1}) {
    RunResult result = model;
    result.level = target;
    out.push_back(make(MutationPoint::level, "level",
                       std::to_string(level) + " -> " + std::to_string(target), std::move(result)));
  }
  RunResult removed = model;
  removed.level.reset();
  out.push_back(make(MutationPoint::level, "level", std::to_string(level) + " -> removed",
                     std::move(removed)));
}

}  // namespace

std::string describe(const Mutant& mutant) { return mutant.point + ": " + mutant.change; }

std::vector<Mutant> mutants_of(const CanarySpec& spec) {
  const RunResult model = satisfying_run(spec);
  std::vector<Mutant> out;
  tier_mutants(model, out);
  absent_tier_mutants(spec, model, out);
  test_mutants(model, out);
  flag_mutants(model, out);
  exit_code_mutants(spec, model, out);
  level_mutants(model, out);
  return out;
}

}  // namespace canary
