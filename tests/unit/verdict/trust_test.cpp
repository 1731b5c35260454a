// Identity, freshness, consistency and strays: what makes a report not this run's.
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
using testing::spec_expecting;

const std::string kSha = std::string(40, 'a');  // spec_expecting's pinned SHA
constexpr std::int64_t kStart = 1769860800000;  // 2026-01-31T12:00:00.000Z

struct TrustCase {
  const char* name;
  RunResult run;
  std::vector<Finding> findings;  // exactly these, in this order
};

void PrintTo(const TrustCase& row, std::ostream* out) { *out << row.name; }

RunResult observed_run(const testing::RunChange& change) {
  return healthy_run([&](RunResult& r) {
    r.ref = kSha;
    r.run_id = "run-1";
    r.observed.run_id = "run-1";
    r.observed.started_ms = kStart;
    r.observed.results_mtime_ms = kStart + 5000;
    r.observed.strays = 0;
    change(r);
  });
}

const std::vector<TrustCase> kTrustCases = {
    {"all_of_it_matches", observed_run([](RunResult&) {}), {}},
    {"another_recipe",
     observed_run([](RunResult& r) { r.recipe = "guestbook"; }),
     {{"recipe", "custom-html-tiny", "guestbook"}}},
    {"another_sha",
     observed_run([](RunResult& r) { r.ref = std::string(40, '0'); }),
     {{"ref", kSha, std::string(40, '0')}}},
    {"a_prefix_of_seven_hex_digits_in_upper_case",
     observed_run([](RunResult& r) { r.ref = "AAAAAAA"; }),
     {}},
    {"a_prefix_of_six_is_too_short",
     observed_run([](RunResult& r) { r.ref = "aaaaaa"; }),
     {{"ref", kSha, "aaaaaa"}}},
    {"a_branch_name_is_not_the_sha",
     observed_run([](RunResult& r) { r.ref = "main"; }),
     {{"ref", kSha, "main"}}},
    {"another_run_id",
     observed_run([](RunResult& r) { r.run_id = "run-0-last-week"; }),
     {{"run_id", "run-1", "run-0-last-week"}}},
    {"missing_identity_is_fine_unless_required",
     observed_run([](RunResult& r) {
       r.recipe.clear();
       r.ref.clear();
       r.run_id.clear();
     }),
     {}},
    {"missing_identity_when_required",
     observed_run([](RunResult& r) {
       r.recipe.clear();
       r.ref.clear();
       r.run_id.clear();
       r.observed.identity_required = true;
     }),
     {{"recipe", "custom-html-tiny", "not reported (the profile requires it)"},
      {"ref", kSha, "not reported (the profile requires it)"},
      {"run_id", "run-1", "not reported (the profile requires it)"}}},
    {"no_run_id_known_means_none_to_match",
     observed_run([](RunResult& r) {
       r.observed.run_id.clear();
       r.run_id = "whatever";
     }),
     {}},
    {"results_older_than_the_run",
     observed_run([](RunResult& r) { r.observed.results_mtime_ms = kStart - 3600 * 1000; }),
     {{"freshness", "results.json written by this run",
       "results.json written at 2026-01-31T11:00:00.000Z, before the run started at "
       "2026-01-31T12:00:00.000Z: not this run's"}}},
    {"within_the_clock_slack",
     observed_run([](RunResult& r) { r.observed.results_mtime_ms = kStart - 2000; }),
     {}},
    {"just_past_the_clock_slack",
     observed_run([](RunResult& r) { r.observed.results_mtime_ms = kStart - 2001; }),
     {{"freshness", "results.json written by this run",
       "results.json written at 2026-01-31T11:59:57.999Z, before the run started at "
       "2026-01-31T12:00:00.000Z: not this run's"}}},
    {"inconsistent_tier",
     observed_run([](RunResult& r) {
       r.inconsistencies = {{"backup",
                             "results says pass; the stage says fail; test "
                             "test_backup_captures_state says fail"}};
     }),
     {{"consistency of tier backup", "results, stage status and tests that agree",
       "results says pass; the stage says fail; test test_backup_captures_state says fail"}}},
    {"strays_outweigh_the_harness_flag",
     observed_run([](RunResult& r) {
       r.observed.strays = 2;
       r.observed.stray_commands = {"sleep 61", "nginx: master process"};
     }),
     {{"flag clean_teardown", "true",
       "Canary killed 2 processes the harness left behind (the harness reported true): sleep "
       "61; nginx: master process"}}},
};

// As the loader makes every spec: expecting a clean teardown.
CanarySpec clean_spec() {
  return spec_expecting([](Expectation& e) { e.flags = {{"clean_teardown", true}}; });
}

class Trust : public ::testing::TestWithParam<TrustCase> {};

TEST_P(Trust, JudgeFindsExactlyThese) {
  const TrustCase& row = GetParam();
  EXPECT_THAT(judge(clean_spec(), row.run), ElementsAreArray(row.findings));
}

TEST_P(Trust, AnyOfThemIsAMismatch) {
  const TrustCase& row = GetParam();
  const Verdict verdict = evaluate(clean_spec(), row.run);
  EXPECT_EQ(verdict.outcome, row.findings.empty() ? Outcome::pass : Outcome::mismatch);
}

INSTANTIATE_TEST_SUITE_P(Rules, Trust, ::testing::ValuesIn(kTrustCases),
                         [](const auto& row) { return std::string(row.param.name); });

// An xfail canary cannot vouch for another run's report: MISMATCH, not XFAIL.
TEST(Trust, XfailDoesNotInvertAReportOfAnotherRun) {
  CanarySpec spec = spec_expecting([](Expectation& e) { e.verdict = Color::red; });
  spec.xfail = XFail{"#17", "known"};
  const Verdict verdict =
      evaluate(spec, observed_run([](RunResult& r) { r.recipe = "guestbook"; }));
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  EXPECT_EQ(format(verdict.findings.front()), "recipe: expected custom-html-tiny, got guestbook");
}

// Strays count only against a canary that expects a clean teardown.
TEST(Trust, StraysOnlyMatterToACleanTeardownExpectation) {
  CanarySpec spec = clean_spec();
  spec.expect.flags.erase("clean_teardown");
  const RunResult run = observed_run([](RunResult& r) { r.observed.strays = 1; });
  EXPECT_EQ(evaluate(spec, run).outcome, Outcome::pass);
}

TEST(Trust, IsoTimesRoundTripWithMilliseconds) {
  EXPECT_EQ(parse_iso_utc_ms("2026-01-31T12:00:00Z"), kStart);
  EXPECT_EQ(parse_iso_utc_ms("2026-01-31T12:00:00.25Z"), kStart + 250);
  EXPECT_EQ(iso_utc_ms(kStart + 7), "2026-01-31T12:00:00.007Z");
  EXPECT_EQ(parse_iso_utc_ms("2026-01-31 12:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_iso_utc_ms("2026-01-31T12:00:00+01:00"), std::nullopt);
  EXPECT_EQ(parse_iso_utc_ms(""), std::nullopt);
}

}  // namespace
}  // namespace canary
