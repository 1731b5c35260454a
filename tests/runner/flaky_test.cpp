// `flaky: {bug, reruns}` against a real harness that fails once and then passes.
#include "run_canary_fixture.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using canary::testing::read_text;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class Flakes : public RunCanary {
 protected:
  HarnessProfile flaky_once() {
    const std::string state = R"(, "--state", ")" + root_ / "runs" + R"(")";
    return profile(canary::testing::fake_command("flaky-once", state));
  }
  static CanarySpec flaky_spec(int reruns) {
    CanarySpec spec = green_spec();
    spec.flaky = Flaky{"https://bugs.example/42", reruns};
    return spec;
  }
};

TEST_F(Flakes, AMismatchThatDoesNotRepeatIsFlakyAndVisible) {
  const CanaryRun run = run_canary(flaky_spec(2), flaky_once(), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::flaky);
  EXPECT_TRUE(is_success(run.verdict.outcome));
  ASSERT_THAT(run.attempts, SizeIs(3));  // the mismatch, then both reruns pass
  EXPECT_EQ(run.attempts[0].outcome, Outcome::mismatch);
  EXPECT_EQ(run.attempts[1].outcome, Outcome::pass);
  EXPECT_EQ(run.attempts[2].attempts, 3);
  // What flaked stays visible: the first run's findings (a RED harness on a green canary).
  EXPECT_THAT(run.verdict.findings, Contains(::testing::Field(&Finding::check, "exit_code")));
  EXPECT_THAT(run.verdict.findings.back().actual, HasSubstr("FLAKY"));

  const RunRecord& last = run.last();
  EXPECT_EQ(last.outcome, Outcome::flaky);
  ASSERT_TRUE(last.flaky.has_value());
  EXPECT_EQ(last.flaky->bug, "https://bugs.example/42");
  EXPECT_EQ(last.flaky->reruns, 2);
  EXPECT_THAT(last.flaky->runs,
              ElementsAre(FlakeRun{run.attempts[0].run_id, Outcome::mismatch},
                          FlakeRun{run.attempts[1].run_id, Outcome::pass},
                          FlakeRun{run.attempts[2].run_id, Outcome::pass}));
  expect_record_on_disk(last);
  const std::string json = read_text(last.artifact_dir + "/canary-run.json");
  EXPECT_THAT(json, HasSubstr(R"("outcome": "FLAKY")"));
  EXPECT_THAT(json, HasSubstr(R"("bug": "https://bugs.example/42")"));
  // The first run's own record still says what happened to it.
  EXPECT_THAT(read_text(run.attempts[0].artifact_dir + "/canary-run.json"),
              HasSubstr(R"("outcome": "MISMATCH")"));

  EXPECT_THAT(progress_, Contains("healthy: MISMATCH on a flaky canary (https://bugs.example/42): "
                                  "rerunning up to 2 time(s) to confirm"));
  EXPECT_THAT(progress_, Contains("rerun 1/2 attempt 1/3 of healthy: PASS"));
  EXPECT_THAT(progress_, Contains("healthy: FLAKY (flaky, https://bugs.example/42)"));
}

TEST_F(Flakes, AMismatchThatRepeatsIsConfirmedAndFails) {
  CanarySpec spec = flaky_spec(3);
  const CanaryRun run = run_canary(spec, fake("red-backup"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  ASSERT_THAT(run.attempts, SizeIs(2));  // stops at the first rerun that mismatches
  EXPECT_EQ(run.verdict.findings.back(),
            (Finding{"flaky (https://bugs.example/42)", "a mismatch that does not repeat",
                     "it repeated on rerun 1/3: confirmed"}));
  ASSERT_TRUE(run.last().flaky.has_value());
  EXPECT_THAT(run.last().flaky->runs, SizeIs(2));
  EXPECT_EQ(run.last().outcome, Outcome::mismatch);
  expect_record_on_disk(run.last());
}

TEST_F(Flakes, WithoutFlakyAMismatchIsNeverRerun) {
  const CanaryRun run = run_canary(green_spec(), flaky_once(), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  EXPECT_THAT(run.attempts, SizeIs(1));
  EXPECT_EQ(run.last().flaky, std::nullopt);
  EXPECT_EQ(read_text(root_ / "runs"), "1\n");
}

TEST_F(Flakes, ToolErrorsAreRetriedWithBackoffThenFailClosedNotRerun) {
  // A flaky canary whose harness never completes: the profile's retries, doubling backoff,
  // then TOOL_ERROR. Reruns are for mismatches only.
  const CanaryRun run = run_canary(flaky_spec(3), fake("no-results", "retries: 2\n"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::tool_error);
  EXPECT_THAT(run.attempts, SizeIs(3));
  EXPECT_THAT(progress_, Contains(HasSubstr("retrying in 10ms")));
  EXPECT_THAT(progress_, Contains(HasSubstr("retrying in 20ms")));
  EXPECT_THAT(progress_, ::testing::Not(Contains(HasSubstr("rerun"))));
}

}  // namespace
}  // namespace canary
