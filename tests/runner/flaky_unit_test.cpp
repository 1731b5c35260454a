// confirm_flake: the pure decision behind `flaky: {bug, reruns}`, with the reruns mocked.
#include <canary/runner.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using ::testing::ElementsAre;
using ::testing::Return;
using ::testing::StrictMock;

const Finding kFirst{"tier backup", "pass", "fail"};
const Verdict kMismatch{Outcome::mismatch, {kFirst}};
const Verdict kPass{Outcome::pass, {}};

Verdict confirm(const Flaky& flaky, StrictMock<::testing::MockFunction<Verdict(int)>>& rerun) {
  return confirm_flake(flaky, kMismatch, rerun.AsStdFunction());
}

TEST(ConfirmFlake, EveryRerunPassingIsFlakyWithTheFirstFindings) {
  StrictMock<::testing::MockFunction<Verdict(int)>> rerun;
  EXPECT_CALL(rerun, Call(1)).WillOnce(Return(kPass));
  EXPECT_CALL(rerun, Call(2)).WillOnce(Return(kPass));
  EXPECT_CALL(rerun, Call(3)).WillOnce(Return(kPass));
  const Verdict verdict = confirm({"https://bugs.example/7", 3}, rerun);
  EXPECT_EQ(verdict.outcome, Outcome::flaky);
  EXPECT_THAT(verdict.findings,
              ElementsAre(kFirst, Finding{"flaky (https://bugs.example/7)",
                                          "a mismatch that repeats",
                                          "passed on all 3 reruns: FLAKY"}));
}

TEST(ConfirmFlake, AMismatchingRerunConfirmsAndStopsTheReruns) {
  StrictMock<::testing::MockFunction<Verdict(int)>> rerun;
  const Verdict again{Outcome::mismatch, {{"tier backup", "pass", "error"}}};
  EXPECT_CALL(rerun, Call(1)).WillOnce(Return(kPass));
  EXPECT_CALL(rerun, Call(2)).WillOnce(Return(again));  // no Call(3): StrictMock fails on it
  const Verdict verdict = confirm({"#9", 3}, rerun);
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  EXPECT_THAT(verdict.findings,
              ElementsAre(Finding{"tier backup", "pass", "error"},
                          Finding{"flaky (#9)", "a mismatch that does not repeat",
                                  "it repeated on rerun 2/3: confirmed"}));
}

TEST(ConfirmFlake, ARerunThatCannotCompleteLeavesTheMismatchStanding) {
  for (const Outcome outcome : {Outcome::tool_error, Outcome::xpass, Outcome::xfail}) {
    SCOPED_TRACE(std::string(to_string(outcome)));
    StrictMock<::testing::MockFunction<Verdict(int)>> rerun;
    EXPECT_CALL(rerun, Call(1))
        .WillOnce(Return(Verdict{outcome, {{"harness", "x", "harness killed by SIGKILL"}}}));
    const Verdict verdict = confirm({"#9", 2}, rerun);
    EXPECT_EQ(verdict.outcome, Outcome::mismatch);
    EXPECT_THAT(verdict.findings,
                ElementsAre(kFirst, Finding{"flaky (#9)", "a rerun that passes",
                                            "rerun 1/2 ended " + std::string(to_string(outcome)) +
                                                ": harness killed by SIGKILL; the mismatch "
                                                "stands"}));
  }
}

TEST(ConfirmFlake, OneRerunIsEnough) {
  StrictMock<::testing::MockFunction<Verdict(int)>> rerun;
  EXPECT_CALL(rerun, Call(1)).WillOnce(Return(kPass));
  const Verdict verdict = confirm({"#1", 1}, rerun);
  EXPECT_EQ(verdict.outcome, Outcome::flaky);
  EXPECT_EQ(verdict.findings.back().actual, "passed on all 1 rerun: FLAKY");
}

TEST(ConfirmFlake, FlakyCountsAsSuccessButIsNotPass) {
  EXPECT_TRUE(is_success(Outcome::flaky));
  EXPECT_EQ(to_string(Outcome::flaky), "FLAKY");
  EXPECT_EQ(parse_outcome("flaky"), Outcome::flaky);
}

}  // namespace
}  // namespace canary
