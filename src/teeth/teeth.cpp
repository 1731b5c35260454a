#include <canary/teeth.hpp>

#include <algorithm>

namespace canary {
namespace {

bool is_failure(Status status) { return status == Status::fail || status == Status::error; }

bool satisfied(const TestExpectation& expected, const TierResult& tier) {
  return std::any_of(tier.tests.begin(), tier.tests.end(), [&](const TestResult& test) {
    return test.status == expected.status && glob_match(expected.name, test.name);
  });
}

// A tier is constrained when the spec judges it, when it is where a red canary fails (the
// model puts the failure there because the spec's failing test lives there), or when a green
// verdict sees the change (a flip to fail or error).
bool tier_constrained(const CanarySpec& spec, const RunResult& model, const Mutant& mutant) {
  if (mutant.tier >= model.tiers.size()) return true;  // added: the spec says it must not run
  const TierResult& before = model.tiers[mutant.tier];
  const auto judged = expected_tiers(spec);
  const bool listed = std::any_of(judged.begin(), judged.end(),
                                  [&](const auto& entry) { return entry.first == before.name; });
  if (listed) return true;
  const auto color = expected_color(spec);
  if (color == Color::red && is_failure(before.status)) return true;
  return color == Color::green && is_failure(mutant.result.tiers[mutant.tier].status);
}

// Equivalent when every expectation the mutated test met is still met by another test.
bool test_still_accepted(const CanarySpec& spec, const RunResult& model, const Mutant& mutant) {
  const TierResult& before = model.tiers[mutant.tier];
  const TestResult& test = before.tests[mutant.test];
  for (const TestExpectation& expected : spec.expect.tests) {
    if (expected.tier != before.name || expected.status != test.status ||
        !glob_match(expected.name, test.name)) {
      continue;
    }
    if (!satisfied(expected, mutant.result.tiers[mutant.tier])) return false;
  }
  return true;
}

bool equivalent(const CanarySpec& spec, const RunResult& model, const Mutant& mutant) {
  switch (mutant.kind) {
    case MutationPoint::tier:
      return !tier_constrained(spec, model, mutant);
    case MutationPoint::test:
      return test_still_accepted(spec, model, mutant);
    case MutationPoint::exit_code:
      return !expected_color(spec) && !spec.expect.exit_code;
    case MutationPoint::flag:
    case MutationPoint::level:
      return false;  // the model carries only the flags and level the spec expects
  }
  return false;
}

std::string joined(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& finding : findings) out += (out.empty() ? "" : "; ") + format(finding);
  return out;
}

}  // namespace

std::string_view to_string(Fate fate) {
  switch (fate) {
    case Fate::killed:
      return "killed";
    case Fate::survived:
      return "survived";
    case Fate::equivalent:
      return "equivalent";
  }
  return "unknown";
}

std::size_t TeethReport::count(Fate fate) const {
  return static_cast<std::size_t>(std::count_if(
      mutants.begin(), mutants.end(), [fate](const MutantOutcome& m) { return m.fate == fate; }));
}

TeethReport teeth(const CanarySpec& spec) {
  TeethReport report;
  report.canary = spec.id;
  report.path = spec.path;
  const RunResult model = satisfying_run(spec);
  if (const auto findings = judge(spec, model); !findings.empty()) {
    report.error = "the satisfying run does not satisfy the spec (teeth bug): " + joined(findings);
    return report;
  }
  for (const Mutant& mutant : mutants_of(spec)) {
    MutantOutcome outcome{describe(mutant), Fate::killed, judge(spec, mutant.result)};
    if (outcome.findings.empty()) {
      outcome.fate = equivalent(spec, model, mutant) ? Fate::equivalent : Fate::survived;
    }
    report.mutants.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace canary
