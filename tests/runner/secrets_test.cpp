// A harness that leaks its secret to stdout, stderr and results.json: Canary's own findings,
// progress lines and canary-run.json show it masked.
#include "run_canary_fixture.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace canary {
namespace {

using canary::testing::read_text;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "tok-5ecr3t-Zq81";

class Secrets : public RunCanary {
 protected:
  Secrets() { ::setenv("CANARY_TEST_SECRET", kSecret, 1); }
  ~Secrets() override { ::unsetenv("CANARY_TEST_SECRET"); }

  void expect_masked(const CanaryRun& run) {
    for (const Finding& f : run.verdict.findings) {
      EXPECT_THAT(format(f), Not(HasSubstr(kSecret)));
    }
    for (const std::string& line : progress_) EXPECT_THAT(line, Not(HasSubstr(kSecret)));
    for (const RunRecord& record : run.attempts) {
      const std::string json = read_text(record.artifact_dir + "/canary-run.json");
      EXPECT_THAT(json, Not(HasSubstr(kSecret)));
      // The harness really did leak it: its own logs hold it (those are the harness's output).
      EXPECT_THAT(read_text(record.artifact_dir + "/harness.stdout.log"), HasSubstr(kSecret));
      EXPECT_THAT(read_text(record.artifact_dir + "/harness.stderr.log"), HasSubstr(kSecret));
      EXPECT_THAT(read_text(record.artifact_dir + "/results.json"), HasSubstr(kSecret));
    }
  }
};

TEST_F(Secrets, AQuotedSecretInAMalformedResultIsMasked) {
  options_.retries = 0;
  const CanaryRun run =
      run_canary(green_spec(), fake("leak-secret-status", "secrets: [CANARY_TEST_SECRET]\n"),
                 options_);
  ASSERT_EQ(run.verdict.outcome, Outcome::tool_error);
  ASSERT_FALSE(run.verdict.findings.empty());
  EXPECT_THAT(run.verdict.findings[0].actual, HasSubstr("leaked-***"));
  expect_masked(run);
}

TEST_F(Secrets, SecretsInTestNamesAreMaskedInTheResultKept) {
  options_.retries = 0;
  const CanaryRun run = run_canary(
      green_spec(), fake("leak-secret", "secrets: [CANARY_TEST_SECRET]\n"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  const TierResult* install = run.result.find_tier("install");
  ASSERT_NE(install, nullptr);
  ASSERT_FALSE(install->tests.empty());
  EXPECT_EQ(install->tests[0].name, "test_serving_***");
  expect_masked(run);
}

TEST_F(Secrets, WithoutSecretsInTheProfileNothingIsMasked) {
  // The control: the same harness, no `secrets`, and the value shows (so the test above can fail).
  options_.retries = 0;
  const CanaryRun run = run_canary(green_spec(), fake("leak-secret-status"), options_);
  ASSERT_FALSE(run.verdict.findings.empty());
  EXPECT_THAT(run.verdict.findings[0].actual, HasSubstr(kSecret));
}

}  // namespace
}  // namespace canary
