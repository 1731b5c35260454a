// Judging JUnit-read runs: xfail/xpass in specs, `classname::name` patterns, and the flag rule
// (a JUnit harness reports no flags: only flags the spec names are judged, and never satisfied).

#include <canary/junit_results.hpp>
#include <canary/spec_loader.hpp>
#include <canary/verdict.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* kReport = R"(<testsuites><testsuite name="pytest">
  <testcase classname="tests.test_custom" name="test_serving"/>
  <testcase classname="tests.test_custom" name="test_bug_993"><skipped type="pytest.xfail" message="bug"/></testcase>
</testsuite></testsuites>)";

CanarySpec spec(const std::string& expect) {
  const SpecFile file = load_spec("s.yaml", "canary: s\nrecipe: r\nsha: \"" + std::string(40, '1') +
                                                "\"\nexpect:\n" + expect);
  EXPECT_TRUE(file.ok()) << (file.diagnostics.empty() ? "" : file.diagnostics[0].message);
  return file.spec.value_or(CanarySpec{});
}

RunResult run_of(const char* xml) {
  ParsedJunitTier tier = parse_junit(xml, "custom.xml", "custom");
  EXPECT_TRUE(tier.ok()) << tier.error;
  RunResult result;
  result.reports_flags = false;
  result.tiers.push_back(std::move(tier.tier));
  result.exit_code = 0;
  return result;
}

TEST(JunitJudging, XfailGuardAndQualifiedNamePass) {
  const CanarySpec s = spec(
      "  verdict: green\n  tests:\n"
      "    - {tier: custom, name: test_serving, status: pass}\n"
      "    - {tier: custom, name: 'tests.test_custom::test_bug_*', status: xfail}\n");
  EXPECT_EQ(evaluate(s, run_of(kReport)).outcome, Outcome::pass);  // default flags not judged
}

TEST(JunitJudging, XpassIsAMismatchOfAnXfailGuard) {
  const CanarySpec s = spec(
      "  verdict: red\n  tests:\n    - {tier: custom, name: test_bug_993, status: fail}\n"
      "    - {tier: custom, name: test_bug_993, status: xfail}\n");
  const char* fixed = R"(<testsuite><testcase name="test_bug_993"><failure message="[XPASS(strict)] bug"/></testcase></testsuite>)";
  RunResult result = run_of(fixed);
  result.exit_code = 1;
  const Verdict verdict = evaluate(s, result);
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  ASSERT_EQ(verdict.findings.size(), 2u);
  EXPECT_EQ(verdict.findings[1].actual, "test_bug_993: xpass");
}

TEST(JunitJudging, NamedFlagIsAFindingOnAJunitRun) {
  const CanarySpec s = spec(
      "  verdict: green\n  flags: {no_secret_leak: true}\n  tests:\n"
      "    - {tier: custom, name: test_serving, status: pass}\n");
  const Verdict verdict = evaluate(s, run_of(kReport));
  EXPECT_EQ(verdict.outcome, Outcome::mismatch);
  ASSERT_EQ(verdict.findings.size(), 1u);
  EXPECT_EQ(verdict.findings[0].check, "flag no_secret_leak");
  EXPECT_EQ(verdict.findings[0].actual, "not reported by a JUnit harness");
}

TEST(JunitJudging, DuplicatesAreListedInFindings) {
  const CanarySpec s = spec("  verdict: red\n  tests:\n    - {tier: custom, name: u, status: fail}\n"
                            "    - {tier: custom, name: t, status: error}\n");
  RunResult result = run_of(
      R"(<testsuite><testcase name="u"><failure/></testcase><testcase name="t"><failure/></testcase>
         <testcase name="t"><error/></testcase></testsuite>)");
  result.exit_code = 1;
  const Verdict verdict = evaluate(s, result);
  ASSERT_EQ(verdict.findings.size(), 1u);
  EXPECT_EQ(verdict.findings[0].actual, "t: fail (also reported error)");
}

TEST(JunitJudging, ATierCannotBeXfail) {
  const SpecFile file = load_spec("s.yaml", "canary: s\nrecipe: r\nsha: \"" + std::string(40, '1') +
                                                "\"\nexpect:\n  verdict: green\n  tiers: {custom: xfail}\n");
  EXPECT_FALSE(file.ok());
  ASSERT_FALSE(file.diagnostics.empty());
  EXPECT_THAT(file.diagnostics[0].message, HasSubstr("'xfail' is a test status"));
}

}  // namespace
}  // namespace canary
