// Harness teeth: the profile's `faults` section, injecting one fault, and reading a fault listing.

#include <canary/harness_faults.hpp>

#include "support/model.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using canary::testing::formatted;
using canary::testing::TempDir;
using canary::testing::write_script;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr const char* kBase = "harness: x\ncommand: [\"{bin}/ci\", run, \"{sha}\"]\n";

TEST(ProfileFaults, ReadsListArgsAndEnv) {
  const ProfileFile file = load_profile(
      "p.yaml", std::string(kBase) +
                    "faults:\n  list: [\"{bin}/ci\", list-faults]\n  args: [--fault, \"{fault}\"]\n"
                    "  env: {CI_FAULT: \"{fault}\", CI_RUN: \"{run_id}\"}\n");
  ASSERT_TRUE(file.ok()) << ::testing::PrintToString(formatted(file.diagnostics));
  ASSERT_TRUE(file.profile->faults.has_value());
  EXPECT_THAT(file.profile->faults->list, ElementsAre("{bin}/ci", "list-faults"));
  EXPECT_THAT(file.profile->faults->args, ElementsAre("--fault", "{fault}"));
  EXPECT_THAT(file.profile->faults->env,
              ElementsAre(Pair("CI_FAULT", "{fault}"), Pair("CI_RUN", "{run_id}")));
}

TEST(ProfileFaults, AProfileWithoutFaultsHasNone) {
  const ProfileFile file = load_profile("p.yaml", kBase);
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file.profile->faults.has_value());
}

TEST(ProfileFaults, ReportsEveryMistakeAtItsPlace) {
  const std::string b = kBase;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {b + "faults: [a]\n",
       "p.yaml:3:9: error: 'faults' must be a mapping with 'list' and 'args' or 'env'"},
      {b + "faults: {args: [\"{fault}\"]}\n",
       "p.yaml:3:9: error: 'faults' needs 'list': the command that prints the harness's faults"},
      {b + "faults: {list: [a], args: [--bad]}\n",
       "p.yaml:3:9: error: 'faults' must pass '{fault}' to the harness in 'args' or 'env'"},
      {b + "faults: {list: [], args: [\"{fault}\"]}\n",
       "p.yaml:3:16: error: 'faults.list' must be a non-empty list of strings"},
      {b + "faults: {list: [\"{sha}\"], args: [\"{fault}\"]}\n",
       "p.yaml:3:17: error: 'faults.list[0]': unknown placeholder '{sha}' (known here: bin, "
       "profile_dir)"},
      {b + "faults: {list: [\"{fault}\"], args: [\"{fault}\"]}\n",
       "p.yaml:3:17: error: 'faults.list[0]': unknown placeholder '{fault}' (known here: bin, "
       "profile_dir)"},
      {b + "faults: {list: [a], args: [\"{faults}\"]}\n",
       "p.yaml:3:28: error: 'faults.args[0]': unknown placeholder '{faults}' (known: "
       "artifact_root, artifacts, bin, canary, profile_dir, recipe, ref, run_id, sha, fault)"},
      {b + "faults: {list: [a], inject: [\"{fault}\"]}\n",
       "p.yaml:3:21: error: unknown key 'inject' (expected one of: list, args, env)"},
      {b + "faults: {list: [a], list: [b], args: [\"{fault}\"]}\n",
       "p.yaml:3:21: error: duplicate key 'list' (first at line 3)"},
      {b + "faults: {list: [a], env: {1X: \"{fault}\"}}\n",
       "p.yaml:3:27: error: 'faults.env' entries must be NAME: string"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    const ProfileFile file = load_profile("p.yaml", text);
    EXPECT_FALSE(file.ok());
    EXPECT_THAT(formatted(file.diagnostics), ElementsAre(message));
  }
}

TEST(WithFault, AppendsArgsAndAddsEnvWithTheFaultsName) {
  HarnessProfile profile;
  profile.path = "p.yaml";
  profile.command = {"{bin}/ci", "run", "{sha}"};
  profile.env = {{"KEEP", "{run_id}"}};
  profile.faults =
      FaultInjection{{"ci", "list"}, {"--fault={fault}", "x{fault}y"}, {{"CI_FAULT", "{fault}"}}};
  const HarnessProfile faulty = with_fault(profile, "exit-zero");
  EXPECT_THAT(faulty.command,
              ElementsAre("{bin}/ci", "run", "{sha}", "--fault=exit-zero", "xexit-zeroy"));
  EXPECT_THAT(faulty.env, ElementsAre(Pair("CI_FAULT", "exit-zero"), Pair("KEEP", "{run_id}")));
  EXPECT_THAT(profile.command, ElementsAre("{bin}/ci", "run", "{sha}"));  // a copy is changed
}

TEST(WithFault, IsABugWithoutFaults) {
  HarnessProfile profile;
  EXPECT_THROW(with_fault(profile, "x"), std::logic_error);
}

// A real listing program: a shell script that prints what it is told to.
FaultListing list_with(const TempDir& dir, const std::string& script) {
  write_script(dir / "list-faults", script + "\n", 0700);
  HarnessProfile profile;
  profile.path = dir / "p.yaml";
  profile.faults = FaultInjection{{"{bin}/list-faults"}, {"--fault", "{fault}"}, {}};
  return list_harness_faults(profile, dir.path(), dir.path());
}

TEST(ListHarnessFaults, ReadsNamesAndEffects) {
  const TempDir dir;
  const auto listing = list_with(
      dir, "printf 'exit-zero    exits 0 always\\n\\n  hang\\nskip-as-pass\\tskips pass\\n'");
  ASSERT_EQ(listing.error, "");
  ASSERT_EQ(listing.faults.size(), 3u);
  EXPECT_EQ(listing.faults[0].name, "exit-zero");
  EXPECT_EQ(listing.faults[0].effect, "exits 0 always");
  EXPECT_EQ(listing.faults[1].name, "hang");
  EXPECT_EQ(listing.faults[1].effect, "");
  EXPECT_EQ(listing.faults[2].name, "skip-as-pass");
  EXPECT_EQ(listing.faults[2].effect, "skips pass");
}

TEST(ListHarnessFaults, FailsClosed) {
  const TempDir dir;
  EXPECT_THAT(list_with(dir, "echo broken >&2; exit 3").error,
              HasSubstr("list-faults` exited 3: broken"));
  EXPECT_THAT(list_with(dir, "true").error, HasSubstr("listed no fault"));
  EXPECT_THAT(list_with(dir, "echo a; echo a").error, HasSubstr("a duplicate fault 'a'"));
  EXPECT_THAT(list_with(dir, "echo '{x}'").error, HasSubstr("a fault name with braces"));
  HarnessProfile none;
  none.path = "p.yaml";
  EXPECT_THAT(list_harness_faults(none, "/bin", dir.path()).error,
              HasSubstr("declares no 'faults'"));
  HarnessProfile missing;
  missing.path = "p.yaml";
  missing.faults = FaultInjection{{"{bin}/no-such-program"}, {"{fault}"}, {}};
  EXPECT_THAT(list_harness_faults(missing, dir.path(), dir.path()).error,
              HasSubstr("cannot run the fault listing"));
}

TEST(FaultScore, CaughtByEveryCanaryThatDidNotPass) {
  FaultScore score;
  score.runs = {{"a", Outcome::pass, {}, "", 0},
                {"b", Outcome::mismatch, {}, "", 0},
                {"c", Outcome::tool_error, {}, "", 0},
                {"d", Outcome::xpass, {}, "", 0},
                {"e", Outcome::xfail, {}, "", 0}};
  EXPECT_THAT(score.caught_by(), ElementsAre("b", "c", "d", "e"));
  score.runs = {{"a", Outcome::pass, {}, "", 0}};
  EXPECT_FALSE(score.caught());
}

TEST(HarnessFaultReport, NoScoreWithoutAPassingBaseline) {
  HarnessFaultReport report;
  EXPECT_FALSE(report.baseline_passed());
  EXPECT_FALSE(report.ok());  // no fault run: never a full score
  report.baseline = {{"a", Outcome::pass, {}, "", 0}, {"b", Outcome::xfail, {}, "", 0}};
  EXPECT_FALSE(report.baseline_passed());
  report.baseline.pop_back();
  EXPECT_TRUE(report.baseline_passed());
  FaultScore caught;
  caught.runs = {{"a", Outcome::mismatch, {}, "", 0}};
  FaultScore survived;
  survived.runs = {{"a", Outcome::pass, {}, "", 0}};
  report.faults = {caught};
  EXPECT_TRUE(report.ok());
  report.faults.push_back(survived);
  EXPECT_EQ(report.caught(), 1u);
  EXPECT_FALSE(report.ok());
}

}  // namespace
}  // namespace canary
