#include <canary/teeth.hpp>

#include "support/model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace canary {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

using testing::SpecChange;

// The spec every case here edits.
CanarySpec spec_with(const SpecChange& change) { return testing::spec_with("teeth", change); }

std::vector<std::string> with_fate(const TeethReport& report, Fate fate) {
  std::vector<std::string> out;
  for (const MutantOutcome& m : report.mutants) {
    if (m.fate == fate) out.push_back(m.description);
  }
  return out;
}

// Every flip of one tier from `from`, as mutant descriptions.
std::vector<std::string> tier_flips(const std::string& tier, Status from) {
  std::vector<std::string> out;
  for (Status to : kTierStatuses) {
    if (to == from) continue;
    out.push_back("tier " + tier + ": " + std::string(to_string(from)) + " -> " +
                  std::string(to_string(to)));
  }
  return out;
}

const TestExpectation kBackupFails{"backup", "test_backup_captures_state", Status::fail};
const TestExpectation kArtifactPasses{"backup", "test_backup_artifact", Status::pass};

// Table: the spec and exactly the survivors and equivalents its teeth check finds.
struct TeethCase {
  const char* name;
  SpecChange change;
  std::vector<std::string> survivors;
  std::vector<std::string> equivalents;
};

void PrintTo(const TeethCase& row, std::ostream* out) { *out << row.name; }

std::vector<std::string> concat(std::vector<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

const std::vector<TeethCase> kTeethCases = {
    {"loose_red_only_failing_test_in_backup",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tests = {kBackupFails};
     },
     tier_flips("backup", Status::fail),
     concat({tier_flips("install", Status::pass), tier_flips("upgrade", Status::pass),
             tier_flips("restore", Status::skip), tier_flips("custom", Status::skip)})},
    {"tight_fails_at_tiers_tests",
     [](CanarySpec& s) {
       s.expect.fails_at = "backup";
       s.expect.tiers = {{"restore", Status::skip}, {"custom", Status::skip}};
       s.expect.tests = {kBackupFails, kArtifactPasses};
     },
     {},
     {}},
    {"green_only_unjudged_tiers_to_skip_or_unver_are_equivalent",
     [](CanarySpec& s) { s.expect.verdict = Color::green; },
     {},
     {"tier install: pass -> skip", "tier install: pass -> unver", "tier upgrade: pass -> skip",
      "tier upgrade: pass -> unver", "tier backup: pass -> skip", "tier backup: pass -> unver",
      "tier restore: pass -> skip", "tier restore: pass -> unver", "tier custom: pass -> skip",
      "tier custom: pass -> unver"}},
    {"glob_accepted_through_another_test",
     [](CanarySpec& s) {
       s.expect.fails_at = "custom";
       s.expect.tests = {{"custom", "test_*", Status::fail}, {"custom", "test_a", Status::fail}};
     },
     {},
     {"test custom/test_x: fail -> removed", "test custom/test_x: fail -> pass",
      "test custom/test_x: fail -> skip", "test custom/test_x: fail -> error",
      "test custom/test_x: fail -> unver", "test custom/test_x: fail -> xfail",
      "test custom/test_x: fail -> xpass"}},
    {"xfail_spec_is_checked_like_any_other",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tests = {kBackupFails};
       s.xfail = XFail{"#17", "backup reports pass on an empty snapshot"};
     },
     tier_flips("backup", Status::fail),
     concat({tier_flips("install", Status::pass), tier_flips("upgrade", Status::pass),
             tier_flips("restore", Status::skip), tier_flips("custom", Status::skip)})},
    {"tiers_without_verdict_leave_the_exit_code_free",
     [](CanarySpec& s) {
       s.expect.tiers = {{"install", Status::pass},
                         {"upgrade", Status::pass},
                         {"backup", Status::pass},
                         {"restore", Status::pass},
                         {"custom", Status::pass}};
     },
     {},
     {"exit_code: 0 -> 1"}},
};

class TeethTest : public ::testing::TestWithParam<TeethCase> {};

TEST_P(TeethTest, FindsExactlyTheSurvivorsAndEquivalents) {
  const TeethReport report = teeth(spec_with(GetParam().change));
  ASSERT_FALSE(report.error.has_value()) << *report.error;
  EXPECT_THAT(with_fate(report, Fate::survived), UnorderedElementsAreArray(GetParam().survivors));
  EXPECT_THAT(with_fate(report, Fate::equivalent),
              UnorderedElementsAreArray(GetParam().equivalents));
  EXPECT_EQ(report.ok(), GetParam().survivors.empty());
  for (const MutantOutcome& m : report.mutants) {
    EXPECT_EQ(m.fate == Fate::killed, !m.findings.empty()) << m.description;
  }
}

INSTANTIATE_TEST_SUITE_P(Specs, TeethTest, ::testing::ValuesIn(kTeethCases),
                         [](const auto& row) { return std::string(row.param.name); });

std::vector<std::string> descriptions(const std::vector<Mutant>& mutants) {
  std::vector<std::string> out;
  for (const Mutant& m : mutants) out.push_back(describe(m));
  return out;
}

std::vector<std::string> non_tier(const std::vector<Mutant>& mutants) {
  std::vector<std::string> out;
  for (const Mutant& m : mutants) {
    if (m.kind != MutationPoint::tier) out.push_back(describe(m));
  }
  return out;
}

TEST(MutantsOf, TightSpecListsEveryPointInOrder) {
  const auto mutants = mutants_of(spec_with([](CanarySpec& s) {
    s.expect.fails_at = "backup";
    s.expect.tests = {kBackupFails};
  }));
  const auto all = descriptions(mutants);
  ASSERT_EQ(all.size(), 5u * 4u + 7u + 4u + 1u);
  EXPECT_THAT(std::vector<std::string>(all.begin(), all.begin() + 4),
              ElementsAreArray(tier_flips("install", Status::pass)));
  EXPECT_THAT(
      non_tier(mutants),
      ElementsAre("test backup/test_backup_captures_state: fail -> removed",
                  "test backup/test_backup_captures_state: fail -> pass",
                  "test backup/test_backup_captures_state: fail -> skip",
                  "test backup/test_backup_captures_state: fail -> error",
                  "test backup/test_backup_captures_state: fail -> unver",
                  "test backup/test_backup_captures_state: fail -> xfail",
                  "test backup/test_backup_captures_state: fail -> xpass",
                  "flag clean_teardown: true -> false", "flag clean_teardown: true -> removed",
                  "flag no_secret_leak: true -> false", "flag no_secret_leak: true -> removed",
                  "exit_code: 1 -> 0"));
}

TEST(MutantsOf, ATierThatMustNotRunAppearsWithEveryStatusAndIsKilled) {
  const CanarySpec spec = spec_with([](CanarySpec& s) {
    s.expect.fails_at = "backup";
    s.expect.tiers = {{"restore", Status::skip}, {"custom", Status::not_run}};
    s.expect.tests = {kBackupFails};
  });
  EXPECT_EQ(satisfying_run(spec).find_tier("custom"), nullptr);
  std::vector<std::string> added;
  for (const std::string& description : descriptions(mutants_of(spec)))
    if (description.rfind("tier custom", 0) == 0) added.push_back(description);
  EXPECT_THAT(added, ElementsAre("tier custom: not run -> pass", "tier custom: not run -> fail",
                                 "tier custom: not run -> skip", "tier custom: not run -> error",
                                 "tier custom: not run -> unver"));
  const TeethReport report = teeth(spec);
  ASSERT_FALSE(report.error.has_value()) << *report.error;
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.count(Fate::killed), report.mutants.size());
}

TEST(MutantsOf, NoTierRunKillsEveryTierThatAppears) {
  const TeethReport report = teeth(spec_with([](CanarySpec& s) {
    s.expect.verdict = Color::red;
    s.expect.exit_code = 1;
    for (const auto tier : kStandardTiers) s.expect.tiers.emplace_back(tier, Status::not_run);
  }));
  ASSERT_FALSE(report.error.has_value()) << *report.error;
  // 5 tiers x 5 statuses, 2 flags x 2, exit code 1 -> 0 and 1 -> 2.
  EXPECT_EQ(report.mutants.size(), 25u + 4u + 2u);
  EXPECT_EQ(report.count(Fate::killed), report.mutants.size());
}

struct PointCase {
  const char* name;
  SpecChange change;
  std::vector<std::string> mutants;  // the non-tier, non-flag mutants, in order
};

void PrintTo(const PointCase& row, std::ostream* out) { *out << row.name; }

const PointCase kPointCases[] = {
    {"level_moves_by_one_and_disappears",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.level = 5;
     },
     {"exit_code: 0 -> 1", "level: 5 -> 6", "level: 5 -> 4", "level: 5 -> removed"}},
    {"no_level_no_level_mutant",
     [](CanarySpec& s) { s.expect.verdict = Color::green; },
     {"exit_code: 0 -> 1"}},
    {"exact_non_zero_exit_code",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.exit_code = 3;
     },
     {"exit_code: 3 -> 0", "exit_code: 3 -> 1"}},
    {"exact_exit_code_one",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.exit_code = 1;
     },
     {"exit_code: 1 -> 0", "exit_code: 1 -> 2"}},
    {"exact_exit_code_zero", [](CanarySpec& s) { s.expect.exit_code = 0; }, {"exit_code: 0 -> 1"}},
};

class PointTest : public ::testing::TestWithParam<PointCase> {};

TEST_P(PointTest, MutatesTheExitCodeAndLevelAndKillsEach) {
  const CanarySpec spec = spec_with(GetParam().change);
  std::vector<std::string> points;
  for (const Mutant& m : mutants_of(spec)) {
    if (m.kind == MutationPoint::exit_code || m.kind == MutationPoint::level) {
      points.push_back(describe(m));
      EXPECT_THAT(judge(spec, m.result), ::testing::Not(IsEmpty())) << describe(m);
    }
  }
  EXPECT_THAT(points, ElementsAreArray(GetParam().mutants));
}

INSTANTIATE_TEST_SUITE_P(Points, PointTest, ::testing::ValuesIn(kPointCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(Teeth, FlagExpectedFalseIsFlippedToTrueAndKilled) {
  const CanarySpec spec =
      spec_with([](CanarySpec& s) { s.expect.flags["clean_teardown"] = false; });
  const TeethReport report = teeth(spec);
  std::vector<std::string> killed = with_fate(report, Fate::killed);
  EXPECT_THAT(killed, ::testing::IsSupersetOf({"flag clean_teardown: false -> true",
                                               "flag clean_teardown: false -> removed"}));
}

TEST(Teeth, ModelThatDoesNotSatisfyTheSpecIsAnErrorNotAPass) {
  // A green verdict with a tier that must fail cannot be satisfied by any run.
  const TeethReport report = teeth(spec_with([](CanarySpec& s) {
    s.expect.verdict = Color::green;
    s.expect.tiers = {{"backup", Status::fail}};
  }));
  ASSERT_TRUE(report.error.has_value());
  EXPECT_THAT(*report.error, ::testing::HasSubstr("verdict: expected green"));
  EXPECT_THAT(report.mutants, IsEmpty());
  EXPECT_FALSE(report.ok());
}

}  // namespace
}  // namespace canary
