// Every expectation a spec file writes down knows its file:line:col, and so does each finding
// that checks it; specs built by hand (no file) have none and print as before.
#include <canary/spec_loader.hpp>
#include <canary/verdict.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {

// Failure messages show file:line:col rather than bytes.
void PrintTo(const SourceLocation& at, std::ostream* out) {
  *out << at.file << ':' << at.line << ':' << at.column;
}

namespace {

using testing::ElementsAre;
using testing::Field;

// Line numbers are the comments' numbers; the columns are where each key starts.
const std::string kSpec =
    "canary: placed\n"                                                // 1
    "recipe: custom-html-tiny\n"                                      // 2
    "sha: 0123456789abcdef0123456789abcdef01234567\n"                  // 3
    "expect:\n"                                                       // 4
    "  fails_at: backup\n"                                            // 5
    "  exit_code: 1\n"                                                // 6
    "  tiers:\n"                                                      // 7
    "    restore: skip\n"                                             // 8
    "  level: 2\n"                                                    // 9
    "  flags: {no_secret_leak: true}\n"                               // 10
    "  tests:\n"                                                      // 11
    "    - {tier: backup, name: test_backup_*, status: fail}\n";      // 12

CanarySpec load(const std::string& text) {
  const SpecFile file = load_spec("canaries/placed.yaml", text);
  EXPECT_TRUE(file.ok());
  return file.spec.value_or(CanarySpec{});
}

SourceLocation at(int line, int column) { return {"canaries/placed.yaml", line, column}; }

TEST(SpecLocations, EachWrittenExpectationHasItsKeyPlace) {
  const CanarySpec spec = load(kSpec);
  EXPECT_EQ(locate(spec, "recipe"), at(2, 1));
  EXPECT_EQ(locate(spec, "sha"), at(3, 1));
  EXPECT_EQ(locate(spec, "fails_at"), at(5, 3));
  EXPECT_EQ(locate(spec, "exit_code"), at(6, 3));
  EXPECT_EQ(locate(spec, "tier restore"), at(8, 5));
  EXPECT_EQ(locate(spec, "level"), at(9, 3));
  EXPECT_EQ(locate(spec, "flag no_secret_leak"), at(10, 11));
  EXPECT_EQ(locate(spec, "test backup/test_backup_*"), at(12, 7));
}

TEST(SpecLocations, ImpliedExpectationsPointAtWhatImpliesThem) {
  const CanarySpec spec = load(kSpec);
  EXPECT_EQ(locate(spec, "verdict"), at(5, 3)) << "fails_at implies red";
  EXPECT_EQ(locate(spec, "tier install"), at(5, 3)) << "fails_at implies the tiers before pass";
  EXPECT_EQ(locate(spec, "tier backup"), at(5, 3));
  EXPECT_EQ(locate(spec, "flag clean_teardown"), at(4, 1)) << "a default flag: the expect key";
}

TEST(SpecLocations, AnExplicitVerdictAndTierWinOverFailsAt) {
  const CanarySpec spec = load(
      "canary: placed\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
      "expect:\n  verdict: red\n  fails_at: upgrade\n  tiers: {install: pass}\n"
      "  tests:\n    - {tier: upgrade, name: t, status: fail}\n");
  EXPECT_EQ(locate(spec, "verdict"), at(5, 3));
  EXPECT_EQ(locate(spec, "tier install"), at(7, 11));
  EXPECT_EQ(locate(spec, "tier upgrade"), at(6, 3));
}

TEST(SpecLocations, UnknownKeysAndHandBuiltSpecsHaveNone) {
  EXPECT_FALSE(locate(load(kSpec), "tier custom").known());
  CanarySpec hand;
  hand.places["verdict"] = {3, 1};
  EXPECT_FALSE(locate(hand, "verdict").known()) << "no file to point into";
}

TEST(SpecLocations, FindingsCarryTheLineOfTheirExpectation) {
  const CanarySpec spec = load(kSpec);
  RunResult result;
  result.exit_code = 0;
  result.level = 5;
  for (const auto tier : kStandardTiers) result.tiers.push_back({std::string(tier), Status::pass, {}, {}});
  result.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  const Verdict verdict = evaluate(spec, result);
  ASSERT_EQ(verdict.outcome, Outcome::mismatch);
  std::vector<std::string> lines;
  for (const Finding& f : verdict.findings) lines.push_back(format_located(f));
  EXPECT_THAT(lines,
              ElementsAre("canaries/placed.yaml:5:3: verdict: expected red, got green (exit code 0)",
                          "canaries/placed.yaml:6:3: exit_code: expected 1, got 0",
                          "canaries/placed.yaml:5:3: tier backup: expected fail, got pass",
                          "canaries/placed.yaml:8:5: tier restore: expected skip, got pass",
                          "canaries/placed.yaml:9:3: level: expected 2, got 5",
                          "canaries/placed.yaml:12:7: test backup/test_backup_*: expected present "
                          "with status fail, got absent"));
}

TEST(SpecLocations, XpassPointsAtTheXfailKey) {
  CanarySpec spec = load(
      "canary: placed\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
      "expect:\n  verdict: green\n  tests:\n    - {tier: install, name: t, status: pass}\n"
      "xfail: {bug: \"#3\"}\n");
  RunResult result;
  result.exit_code = 0;
  result.tiers = {{"install", Status::pass, {{"t", Status::pass, {}}}, {}}};
  result.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  const Verdict verdict = evaluate(spec, result);
  ASSERT_EQ(verdict.outcome, Outcome::xpass);
  EXPECT_THAT(verdict.findings,
              ElementsAre(Field(&Finding::location, SourceLocation{"canaries/placed.yaml", 8, 1})));
}

TEST(SpecLocations, AFindingWithoutAPlacePrintsAsBefore) {
  const Finding finding{"harness", "a completed run with results.json", "timed out"};
  EXPECT_EQ(format_located(finding), format(finding));
  EXPECT_EQ(format_located(finding), "harness: expected a completed run with results.json, got timed out");
}

}  // namespace
}  // namespace canary
