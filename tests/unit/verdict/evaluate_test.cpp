#include "verdict_test_support.hpp"

#include <canary/verdict.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::Field;
using testing::healthy_run;
using testing::red_at_backup_run;
using testing::spec_expecting;

// A red canary in the shape of canaries/example-bad-backup.yaml.
CanarySpec bad_backup_canary() {
  return spec_expecting([](Expectation& e) {
    e.fails_at = "backup";
    e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
    e.tests = {{"backup", "test_backup_captures_state", Status::fail},
               {"backup", "test_backup_artifact", Status::pass}};
  });
}

CanarySpec with_xfail(CanarySpec spec) {
  spec.xfail = XFail{"#17", "backup tier reports pass on an empty snapshot"};
  return spec;
}

const Finding kFalseGreen{"verdict", "red", "green (exit code 0)"};
const Finding kBackupPassed{"tier backup", "fail", "pass"};
const Finding kGuardPassed{"test backup/test_backup_captures_state", "present with status fail",
                           "test_backup_captures_state: pass"};

TEST(Evaluate, PassWhenEveryExpectationHolds) {
  const Verdict verdict = evaluate(bad_backup_canary(), red_at_backup_run());
  EXPECT_EQ(verdict.outcome, Outcome::pass);
  EXPECT_THAT(verdict.findings, ::testing::IsEmpty());
}

TEST(Evaluate, MismatchListsEveryFinding) {
  const Verdict verdict = evaluate(bad_backup_canary(), healthy_run());
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  EXPECT_THAT(verdict.findings, ElementsAre(kFalseGreen, kBackupPassed, kGuardPassed));
}

TEST(Evaluate, ToolErrorNamesTheCause) {
  const RunResult run = healthy_run([](RunResult& r) {
    r.tool_error = "results.json: truncated JSON at line 3, column 1";
    r.exit_code = 0;
  });
  const Verdict verdict = evaluate(bad_backup_canary(), run);
  EXPECT_EQ(verdict.outcome, Outcome::tool_error);
  EXPECT_THAT(verdict.findings,
              ElementsAre(AllOf(
                  Field(&Finding::check, "harness"),
                  Field(&Finding::expected, "a completed run with results.json"),
                  Field(&Finding::actual, "results.json: truncated JSON at line 3, column 1"))));
}

TEST(Evaluate, XfailWhileTheBugIsThereKeepsTheFindings) {
  const Verdict verdict = evaluate(with_xfail(bad_backup_canary()), healthy_run());
  EXPECT_EQ(verdict.outcome, Outcome::xfail);
  EXPECT_THAT(verdict.findings, ElementsAre(kFalseGreen, kBackupPassed, kGuardPassed));
}

TEST(Evaluate, XpassWhenTheBugIsFixed) {
  const Verdict verdict = evaluate(with_xfail(bad_backup_canary()), red_at_backup_run());
  EXPECT_EQ(verdict.outcome, Outcome::xpass);
  EXPECT_THAT(verdict.findings,
              ElementsAre(Finding{"xfail", "expectations not met (known bug #17)",
                                  "all expectations met: the bug is fixed, remove the xfail"}));
}

TEST(Evaluate, XfailNeverTurnsAToolErrorIntoAPass) {
  const RunResult run = healthy_run([](RunResult& r) { r.tool_error = "killed by SIGKILL"; });
  const Verdict verdict = evaluate(with_xfail(bad_backup_canary()), run);
  EXPECT_EQ(verdict.outcome, Outcome::tool_error);
  EXPECT_THAT(verdict.findings, ElementsAre(Finding{"harness", "a completed run with results.json",
                                                    "killed by SIGKILL"}));
}

TEST(Evaluate, DefaultFlagsOmittedByTheHarnessAreTwoFindings) {
  const CanarySpec spec = spec_expecting([](Expectation& e) {
    e.verdict = Color::green;
    e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  });
  const Verdict verdict = evaluate(spec, healthy_run([](RunResult& r) { r.flags.clear(); }));
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  EXPECT_THAT(verdict.findings,
              ElementsAre(Finding{"flag clean_teardown", "true", "not reported"},
                          Finding{"flag no_secret_leak", "true", "not reported"}));
}

TEST(Evaluate, IsAPureFunction) {
  const CanarySpec spec = bad_backup_canary();
  const RunResult run = healthy_run();
  const Verdict first = evaluate(spec, run);
  const Verdict second = evaluate(spec, run);
  EXPECT_EQ(first.outcome, second.outcome);
  EXPECT_EQ(first.findings, second.findings);
}

struct OutcomeName {
  Outcome outcome;
  std::string_view name;
  bool success;
};

class Outcomes : public ::testing::TestWithParam<OutcomeName> {};

TEST_P(Outcomes, NameRoundTripsAndCounts) {
  const OutcomeName& row = GetParam();
  EXPECT_EQ(to_string(row.outcome), row.name);
  EXPECT_EQ(parse_outcome(row.name), row.outcome);
  std::string lower(row.name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(parse_outcome(lower), row.outcome);
  EXPECT_EQ(is_success(row.outcome), row.success);
}

INSTANTIATE_TEST_SUITE_P(All, Outcomes,
                         ::testing::Values(OutcomeName{Outcome::pass, "PASS", true},
                                           OutcomeName{Outcome::mismatch, "MISMATCH", false},
                                           OutcomeName{Outcome::tool_error, "TOOL_ERROR", false},
                                           OutcomeName{Outcome::xfail, "XFAIL", true},
                                           OutcomeName{Outcome::xpass, "XPASS", false},
                                           OutcomeName{Outcome::flaky, "FLAKY", true}),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(Outcomes, UnknownWordsAreNotOutcomes) {
  for (const std::string_view word : {"", "PASSED", "tool-error", "TOOL ERROR", "x", "PASS "}) {
    EXPECT_EQ(parse_outcome(word), std::nullopt) << "'" << word << "'";
  }
}

TEST(FormatFinding, ReadsAsExpectedAgainstActual) {
  EXPECT_EQ(format(Finding{"tier backup", "fail", "pass"}), "tier backup: expected fail, got pass");
  EXPECT_EQ(format(Finding{"flag clean_teardown", "true", "not reported"}),
            "flag clean_teardown: expected true, got not reported");
}

}  // namespace
}  // namespace canary
