#include "verdict_test_support.hpp"

#include <canary/verdict.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {
namespace {

using ::testing::ElementsAreArray;
using testing::healthy_run;
using testing::red_at_backup_run;
using testing::spec_expecting;
using testing::tier;

struct JudgeCase {
  const char* name;
  testing::ExpectChange expect;
  RunResult run;
  std::vector<Finding> findings;  // exactly these, in this order
};

void PrintTo(const JudgeCase& row, std::ostream* out) { *out << row.name; }

const TestExpectation kCapturesStateFails{"backup", "test_backup_captures_state", Status::fail};

const std::vector<JudgeCase> kJudgeCases = {
    // verdict
    {"green_met", [](Expectation& e) { e.verdict = Color::green; }, healthy_run(), {}},
    {"green_but_red_run",
     [](Expectation& e) { e.verdict = Color::green; },
     red_at_backup_run(),
     {{"verdict", "green", "red (exit code 1; tier backup is fail)"}}},
    {"green_but_exit_code_0_with_a_failing_tier",
     [](Expectation& e) { e.verdict = Color::green; },
     red_at_backup_run([](RunResult& r) { r.exit_code = 0; }),
     {{"verdict", "green", "green (exit code 0; tier backup is fail)"}}},
    {"green_but_exit_code_0_with_an_error_tier",
     [](Expectation& e) { e.verdict = Color::green; },
     healthy_run([](RunResult& r) { tier(r, "restore").status = Status::error; }),
     {{"verdict", "green", "green (exit code 0; tier restore is error)"}}},
    {"green_but_non_zero_exit_without_failing_tier",
     [](Expectation& e) { e.verdict = Color::green; },
     healthy_run([](RunResult& r) { r.exit_code = 2; }),
     {{"verdict", "green", "red (exit code 2)"}}},
    {"green_lists_every_failing_tier",
     [](Expectation& e) { e.verdict = Color::green; },
     red_at_backup_run([](RunResult& r) { tier(r, "custom").status = Status::error; }),
     {{"verdict", "green", "red (exit code 1; tier backup is fail, tier custom is error)"}}},
    {"red_met", [](Expectation& e) { e.verdict = Color::red; }, red_at_backup_run(), {}},
    {"red_met_by_exit_code_alone",
     [](Expectation& e) { e.verdict = Color::red; },
     healthy_run([](RunResult& r) { r.exit_code = 1; }),
     {}},
    {"red_but_green_run",
     [](Expectation& e) { e.verdict = Color::red; },
     healthy_run(),
     {{"verdict", "red", "green (exit code 0)"}}},
    {"red_but_false_green",
     [](Expectation& e) { e.verdict = Color::red; },
     red_at_backup_run([](RunResult& r) { r.exit_code = 0; }),
     {{"verdict", "red", "green (exit code 0; tier backup is fail)"}}},
    {"derived_exit_code_when_none_recorded",
     [](Expectation& e) { e.verdict = Color::red; },
     healthy_run([](RunResult& r) { r.exit_code.reset(); }),
     {{"verdict", "red", "green (exit code 0 (derived))"}}},
    {"derived_exit_code_of_a_failing_run",
     [](Expectation& e) { e.verdict = Color::green; },
     red_at_backup_run([](RunResult& r) { r.exit_code.reset(); }),
     {{"verdict", "green", "red (exit code 1 (derived); tier backup is fail)"}}},
    {"derived_exit_code_meets_red",
     [](Expectation& e) { e.verdict = Color::red; },
     red_at_backup_run([](RunResult& r) { r.exit_code.reset(); }),
     {}},
    {"exit_code_marked_derived_by_cold_verification",
     [](Expectation& e) { e.verdict = Color::red; },
     healthy_run([](RunResult& r) { r.exit_code_derived = true; }),
     {{"verdict", "red", "green (exit code 0 (derived))"}}},
    // exit_code
    {"exit_code_met", [](Expectation& e) { e.exit_code = 1; }, red_at_backup_run(), {}},
    {"exit_code_differs",
     [](Expectation& e) { e.exit_code = 2; },
     red_at_backup_run(),
     {{"exit_code", "2", "1"}}},
    {"exit_code_derived_differs",
     [](Expectation& e) { e.exit_code = 0; },
     red_at_backup_run([](RunResult& r) { r.exit_code.reset(); }),
     {{"exit_code", "0", "1 (derived)"}}},
    // tiers
    {"tiers_met",
     [](Expectation& e) {
       e.tiers = {{"backup", Status::fail}, {"restore", Status::skip}};
     },
     red_at_backup_run(),
     {}},
    {"tier_differs_and_tier_absent",
     [](Expectation& e) {
       e.tiers = {{"backup", Status::fail}, {"smoke", Status::pass}, {"install", Status::pass}};
     },
     healthy_run(),
     {{"tier backup", "fail", "pass"}, {"tier smoke", "pass", "absent"}}},
    {"tier_not_run_met_by_its_absence",
     [](Expectation& e) { e.tiers = {{"smoke", Status::not_run}}; },
     healthy_run(),
     {}},
    {"tier_not_run_but_reported",
     [](Expectation& e) {
       e.tiers = {{"install", Status::not_run}, {"custom", Status::not_run}};
     },
     red_at_backup_run(),
     {{"tier install", "not run", "pass"}, {"tier custom", "not run", "skip"}}},
    {"extra_tier_met",
     [](Expectation& e) {
       e.tiers = {{"smoke", Status::unver}};
     },
     healthy_run([](RunResult& r) {
       r.tiers.push_back({"smoke", Status::unver, {}, ""});
     }),
     {}},
    // fails_at: earlier tiers pass, this one fails, verdict red
    {"fails_at_met", [](Expectation& e) { e.fails_at = "backup"; }, red_at_backup_run(), {}},
    {"fails_at_against_a_green_run",
     [](Expectation& e) { e.fails_at = "backup"; },
     healthy_run(),
     {{"verdict", "red", "green (exit code 0)"}, {"tier backup", "fail", "pass"}}},
    {"fails_at_against_a_run_failing_earlier",
     [](Expectation& e) { e.fails_at = "backup"; },
     healthy_run([](RunResult& r) {
       r.exit_code = 1;
       tier(r, "install").status = Status::fail;
       for (const char* later : {"upgrade", "backup", "restore", "custom"})
         tier(r, later).status = Status::skip;
     }),
     {{"tier install", "pass", "fail"},
      {"tier upgrade", "pass", "skip"},
      {"tier backup", "fail", "skip"}}},
    {"fails_at_with_an_explicit_later_tier",
     [](Expectation& e) {
       e.fails_at = "backup";
       e.tiers = {{"restore", Status::skip}};
     },
     red_at_backup_run([](RunResult& r) { tier(r, "restore").status = Status::error; }),
     {{"tier restore", "skip", "error"}}},
    // level
    {"level_met", [](Expectation& e) { e.level = 5; }, healthy_run(), {}},
    {"level_differs",
     [](Expectation& e) { e.level = 5; },
     red_at_backup_run(),
     {{"level", "5", "2"}}},
    {"level_not_reported",
     [](Expectation& e) { e.level = 0; },
     healthy_run([](RunResult& r) { r.level.reset(); }),
     {{"level", "0", "not reported"}}},
    // flags
    {"flags_met",
     [](Expectation& e) {
       e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
     },
     healthy_run(),
     {}},
    {"flag_false",
     [](Expectation& e) {
       e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
     },
     healthy_run([](RunResult& r) { r.flags["clean_teardown"] = false; }),
     {{"flag clean_teardown", "true", "false"}}},
    {"flags_not_reported_are_not_satisfied",
     [](Expectation& e) {
       e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
     },
     healthy_run([](RunResult& r) { r.flags.clear(); }),
     {{"flag clean_teardown", "true", "not reported"},
      {"flag no_secret_leak", "true", "not reported"}}},
    {"flag_expected_false_met",
     [](Expectation& e) {
       e.flags = {{"no_secret_leak", false}};
     },
     healthy_run([](RunResult& r) { r.flags["no_secret_leak"] = false; }),
     {}},
    {"flag_expected_false_but_true",
     [](Expectation& e) {
       e.flags = {{"no_secret_leak", false}};
     },
     healthy_run(),
     {{"flag no_secret_leak", "false", "true"}}},
    // named tests
    {"test_exact_name_met",
     [](Expectation& e) { e.tests = {kCapturesStateFails}; },
     red_at_backup_run(),
     {}},
    {"test_glob_met",
     [](Expectation& e) {
       e.tests = {{"install", "test_content_type*", Status::pass}};
     },
     healthy_run(),
     {}},
    {"test_glob_met_by_any_matching_test",
     [](Expectation& e) {
       e.tests = {{"backup", "test_backup_*", Status::fail}};
     },
     red_at_backup_run(),
     {}},
    {"test_present_with_another_status",
     [](Expectation& e) { e.tests = {kCapturesStateFails}; },
     healthy_run(),
     {{"test backup/test_backup_captures_state", "present with status fail",
       "test_backup_captures_state: pass"}}},
    {"test_glob_lists_every_match",
     [](Expectation& e) {
       e.tests = {{"install", "test_content_type_*", Status::fail}};
     },
     healthy_run(),
     {{"test install/test_content_type_*", "present with status fail",
       "test_content_type_html: pass, test_content_type_css: pass"}}},
    {"test_glob_list_is_capped",
     [](Expectation& e) {
       e.tests = {{"custom", "t*", Status::fail}};
     },
     healthy_run([](RunResult& r) {
       for (int i = 0; i < 13; ++i)
         tier(r, "custom").tests.push_back({"t" + std::to_string(i), Status::pass, {}});
     }),
     {{"test custom/t*", "present with status fail",
       "t0: pass, t1: pass, t2: pass, t3: pass, t4: pass, t5: pass, t6: pass, t7: pass, t8: pass, "
       "t9: pass "
       "and 3 more"}}},
    {"test_absent",
     [](Expectation& e) {
       e.tests = {{"backup", "test_backup_deleted_guard", Status::fail}};
     },
     red_at_backup_run(),
     {{"test backup/test_backup_deleted_guard", "present with status fail", "absent"}}},
    {"test_absent_because_tier_absent",
     [](Expectation& e) {
       e.tests = {{"smoke", "test_*", Status::pass}};
     },
     healthy_run(),
     {{"test smoke/test_*", "present with status pass", "absent (no tier smoke in the results)"}}},
    {"test_in_the_wrong_tier",
     [](Expectation& e) {
       e.tests = {{"upgrade", "test_serving", Status::pass}};
     },
     healthy_run(),
     {{"test upgrade/test_serving", "present with status pass", "absent"}}},
};

class Judge : public ::testing::TestWithParam<JudgeCase> {};

TEST_P(Judge, ListsExactlyTheUnmetExpectations) {
  const JudgeCase& row = GetParam();
  EXPECT_THAT(judge(spec_expecting(row.expect), row.run), ElementsAreArray(row.findings));
}

TEST_P(Judge, EvaluateAgreesWithJudge) {
  const JudgeCase& row = GetParam();
  const Verdict verdict = evaluate(spec_expecting(row.expect), row.run);
  EXPECT_EQ(verdict.outcome, row.findings.empty() ? Outcome::pass : Outcome::mismatch);
  EXPECT_THAT(verdict.findings, ElementsAreArray(row.findings));
}

INSTANTIATE_TEST_SUITE_P(Expectations, Judge, ::testing::ValuesIn(kJudgeCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(Judge, EveryFindingInOrderVerdictExitTiersLevelFlagsTests) {
  const CanarySpec spec = spec_expecting([](Expectation& e) {
    e.verdict = Color::green;
    e.exit_code = 0;
    e.tiers = {{"backup", Status::pass}};
    e.level = 5;
    e.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
    e.tests = {{"backup", "test_backup_captures_state", Status::pass},
               {"restore", "test_restore_*", Status::pass}};
  });
  const RunResult run = red_at_backup_run([](RunResult& r) { r.flags.erase("no_secret_leak"); });
  EXPECT_THAT(judge(spec, run),
              ElementsAreArray(std::vector<Finding>{
                  {"verdict", "green", "red (exit code 1; tier backup is fail)"},
                  {"exit_code", "0", "1"},
                  {"tier backup", "pass", "fail"},
                  {"level", "5", "2"},
                  {"flag no_secret_leak", "true", "not reported"},
                  {"test backup/test_backup_captures_state", "present with status pass",
                   "test_backup_captures_state: fail"},
                  {"test restore/test_restore_*", "present with status pass", "absent"},
              }));
}

TEST(Judge, NoExpectationsMeansNothingToFind) {
  EXPECT_THAT(judge(spec_expecting({}), red_at_backup_run()), ::testing::IsEmpty());
}

TEST(Judge, ToolErrorIsTheOnlyFinding) {
  const RunResult run = healthy_run([](RunResult& r) { r.tool_error = "timed out after 300s"; });
  EXPECT_THAT(judge(spec_expecting([](Expectation& e) { e.verdict = Color::red; }), run),
              ElementsAreArray(std::vector<Finding>{
                  {"harness", "a completed run with results.json", "timed out after 300s"}}));
}

}  // namespace
}  // namespace canary
