#include <canary/run_record.hpp>
#include <canary/runner.hpp>

#include "run_canary_fixture.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include <unistd.h>

namespace canary {
namespace {

namespace fs = std::filesystem;
using canary::testing::read_text;
using canary::testing::TempDir;
using canary::testing::write_text;
using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

TEST_F(RunCanary, AGreenHarnessOnAGreenCanaryPasses) {
  const CanaryRun run = run_canary(green_spec(), fake("green"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::pass) << ::testing::PrintToString(run.verdict.findings);
  ASSERT_THAT(run.attempts, SizeIs(1));
  const RunRecord& r = run.last();
  EXPECT_EQ(r.canary, "healthy");
  EXPECT_EQ(r.spec_path, "canaries/healthy.yaml");
  EXPECT_EQ(r.spec_hash, "feedface");
  EXPECT_EQ(r.profile, "fake");
  EXPECT_EQ(r.artifact_dir, options_.artifact_root + "/" + r.run_id);
  EXPECT_THAT(r.command, ElementsAre(std::string(CANARY_BIN_DIR) + "/canary-fake-harness", "--mode",
                                     "green", "--out", r.artifact_dir));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.signal, std::nullopt);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.outcome, Outcome::pass);
  EXPECT_GT(r.duration_s, 0);
  EXPECT_EQ(read_text(r.artifact_dir + "/harness.stdout.log"), "fake harness: mode green\n");
  EXPECT_THAT(read_text(r.artifact_dir + "/harness.stderr.log"), HasSubstr(r.artifact_dir));
  expect_record_on_disk(r);
  EXPECT_THAT(progress_, ElementsAre("attempt 1/3 of healthy: running " + r.run_id,
                                     "attempt 1/3 of healthy: PASS"));
}

TEST_F(RunCanary, ARedHarnessOnARedCanaryPasses) {
  const CanaryRun run = run_canary(red_spec(), fake("red-backup"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::pass) << ::testing::PrintToString(run.verdict.findings);
  EXPECT_EQ(run.last().exit_code, 1);
  expect_record_on_disk(run.last());
}

TEST_F(RunCanary, AFalseGreenIsAMismatchAndNeverRetried) {
  const CanaryRun run = run_canary(red_spec(), fake("false-green"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  EXPECT_THAT(run.attempts, SizeIs(1));
  EXPECT_THAT(run.verdict.findings,
              Contains(AllOf(Field(&Finding::check, "verdict"), Field(&Finding::expected, "red"),
                             Field(&Finding::actual, StartsWith("green")))));
  EXPECT_THAT(run.verdict.findings, Contains(Finding{"tier backup", "fail", "pass"}));
  EXPECT_EQ(run.last().findings, run.verdict.findings);
  expect_record_on_disk(run.last());
}

TEST_F(RunCanary, NoResultsIsAToolErrorRetriedWithAFreshRunEachTime) {
  const CanaryRun run = run_canary(green_spec(), fake("no-results"), options_);
  EXPECT_THAT(tool_error(run), AllOf(StartsWith(run.last().artifact_dir + "/results.json"),
                                     HasSubstr("No such file or directory")));
  ASSERT_THAT(run.attempts, SizeIs(3));
  std::set<std::string> run_ids;
  std::set<std::string> dirs;
  for (std::size_t i = 0; i < run.attempts.size(); ++i) {
    const RunRecord& r = run.attempts[i];
    EXPECT_EQ(r.attempts, static_cast<int>(i + 1));
    EXPECT_EQ(r.outcome, Outcome::tool_error);
    run_ids.insert(r.run_id);
    dirs.insert(r.artifact_dir);
    expect_record_on_disk(r);
  }
  EXPECT_THAT(run_ids, SizeIs(3));
  EXPECT_THAT(dirs, SizeIs(3));
  EXPECT_THAT(progress_, Contains(AllOf(StartsWith("attempt 1/3 of healthy: "),
                                        HasSubstr("retrying in 10ms"))));
  EXPECT_THAT(progress_, Contains(AllOf(StartsWith("attempt 2/3 of healthy: "),
                                        HasSubstr("retrying in 20ms"))));
  EXPECT_THAT(progress_, Contains(StartsWith("attempt 3/3 of healthy: TOOL_ERROR: ")));
}

TEST_F(RunCanary, TheProfileOrTheOptionsSetTheRetryCount) {
  const CanaryRun from_profile =
      run_canary(green_spec(), fake("no-results", "retries: 0\n"), options_);
  EXPECT_THAT(from_profile.attempts, SizeIs(1));
  options_.retries = 1;
  const CanaryRun from_options =
      run_canary(green_spec(), fake("no-results", "retries: 0\n"), options_);
  EXPECT_THAT(from_options.attempts, SizeIs(2));
}

TEST_F(RunCanary, AHungHarnessIsAToolErrorNamingTheTimeout) {
  CanarySpec spec = green_spec();
  spec.timeout = 1s;
  options_.retries = 0;
  const CanaryRun run = run_canary(spec, fake("hang"), options_);
  const RunRecord& r = run.last();
  EXPECT_EQ(tool_error(run), "harness timed out after 1s (killed with SIGTERM); last lines of " +
                                 r.artifact_dir + "/harness.stderr.log: fake harness: writing to " +
                                 r.artifact_dir);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, "SIGTERM");
  EXPECT_EQ(r.exit_code, std::nullopt);
  EXPECT_THAT(run.attempts, SizeIs(1));
  expect_record_on_disk(r);
}

TEST_F(RunCanary, MisbehavingHarnessesAreToolErrors) {
  options_.retries = 0;
  struct Case {
    std::string mode;
    std::string error;  // after the artifact dir
  };
  const std::vector<Case> cases = {
      {"signal", "harness killed by SIGSEGV; last lines of {dir}/harness.stderr.log: "},
      {"empty-results", "{dir}/results.json"},
      {"truncated-results", "{dir}/results.json"},
      {"wrong-type-results", "{dir}/results.json"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.mode);
    const CanaryRun run = run_canary(green_spec(), fake(c.mode), options_);
    const std::string dir = run.last().artifact_dir;
    const std::string expected = std::regex_replace(c.error, std::regex("\\{dir\\}"), dir);
    EXPECT_THAT(tool_error(run), StartsWith(expected));
    expect_record_on_disk(run.last());
  }
}

TEST_F(RunCanary, AHarnessThatCannotStartIsAToolError) {
  options_.retries = 1;
  const CanaryRun run = run_canary(green_spec(), profile(R"(["/nonexistent/harness"])"), options_);
  EXPECT_EQ(tool_error(run),
            "could not start harness: cannot execute '/nonexistent/harness': No "
            "such file or directory");
  EXPECT_THAT(run.attempts, SizeIs(2));
  EXPECT_EQ(run.last().exit_code, std::nullopt);
  expect_record_on_disk(run.last());
}

TEST_F(RunCanary, FillsEveryPlaceholder) {
  options_.retries = 0;
  const HarnessProfile p = profile(
      R"(["sh", "-c", "printf '%s\n' \"$@\" > \"$0/args.txt\"; printf %s \"$RUN\" > \"$0/env.txt\"",
          "{artifacts}", "{bin}", "{recipe}", "{sha}", "{ref}", "{run_id}", "{canary}",
          "{artifact_root}", "{profile_dir}", "{{literal}}"])",
      "env: {RUN: \"{canary}:{run_id}\"}\n");
  const CanaryRun run = run_canary(green_spec(), p, options_);
  const RunRecord& r = run.last();
  EXPECT_EQ(read_text(r.artifact_dir + "/args.txt"),
            std::string(CANARY_BIN_DIR) + "\nfake-recipe\n" + kSha + "\nmain\n" + r.run_id +
                "\nhealthy\n" + options_.artifact_root + "\n" + root_.path() + "\n{literal}\n");
  EXPECT_EQ(read_text(r.artifact_dir + "/env.txt"), "healthy:" + r.run_id);
}

TEST_F(RunCanary, AnArtifactDirThatCannotBeCreatedIsAToolError) {
  options_.retries = 0;
  write_text(root_ / "a-file", "");
  options_.artifact_root = root_ / "a-file";
  const CanaryRun run = run_canary(green_spec(), fake("green"), options_);
  EXPECT_THAT(tool_error(run), StartsWith("cannot create artifact dir " + root_ / "a-file/"));
}

TEST_F(RunCanary, NeverRunsIntoAnotherRunsFiles) {
  options_.retries = 0;
  const std::string shared = options_.artifact_root + "/fixed";
  fs::create_directories(shared);
  write_text(shared + "/results.json", "an earlier run's results");
  const CanaryRun run =
      run_canary(green_spec(), fake("green", "artifacts: \"{artifact_root}/fixed\"\n"), options_);
  EXPECT_THAT(tool_error(run), StartsWith("artifact dir " + shared + " is not empty"));
  EXPECT_EQ(read_text(shared + "/results.json"), "an earlier run's results");
  EXPECT_FALSE(fs::exists(shared + "/" + kRunRecordFile));
  EXPECT_FALSE(fs::exists(shared + "/harness.stdout.log"));
}

TEST_F(RunCanary, ABrokenTemplateIsNotRetried) {
  HarnessProfile p = fake("green");
  p.command.push_back("{nope}");  // a hand-built profile; the loader would have refused it
  const CanaryRun run = run_canary(green_spec(), p, options_);
  EXPECT_EQ(tool_error(run),
            "profile " + root_ / "profile.yaml" + ": 'command[5]': unknown placeholder '{nope}'");
  EXPECT_THAT(run.attempts, SizeIs(1));
}

// What Canary killed outweighs the harness's own clean_teardown: true.
TEST_F(RunCanary, StrayProcessesFailTheCleanTeardownWhateverTheHarnessSays) {
  const CanaryRun run = run_canary(green_spec(), fake("stray"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  ASSERT_THAT(run.verdict.findings, SizeIs(1));
  EXPECT_THAT(format(run.verdict.findings[0]),
              StartsWith("flag clean_teardown: expected true, got Canary killed 1 process the "
                         "harness left behind (the harness reported true): "));
  EXPECT_EQ(run.last().strays, 1);
  ASSERT_THAT(run.last().stray_commands, SizeIs(1));
  EXPECT_THAT(run.last().stray_commands[0], HasSubstr("canary-fake-harness --mode stray"));
  EXPECT_THAT(progress_, Contains("attempt 1/3 of healthy: the harness left processes behind; "
                                  "killed them"));
}

TEST_F(RunCanary, ADaemonThatLeftTheGroupIsKilledAndRecorded) {
  const CanaryRun run = run_canary(green_spec(), fake("daemon"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  ASSERT_THAT(run.verdict.findings, SizeIs(1));
  EXPECT_EQ(format(run.verdict.findings[0]),
            "flag clean_teardown: expected true, got Canary killed 1 process the harness left "
            "behind (the harness reported true): sleep 61");
  const ParsedRecord parsed = read_record_file(run.last().artifact_dir + "/" + kRunRecordFile);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.strays, 1);
  EXPECT_THAT(parsed.record.stray_commands, ElementsAre("sleep 61"));
}

TEST_F(RunCanary, AResultsFileOlderThanTheRunIsNotThisRuns) {
  const CanaryRun run = run_canary(green_spec(), fake("stale-results"), options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  ASSERT_THAT(run.verdict.findings, SizeIs(1));
  EXPECT_EQ(run.verdict.findings[0].check, "freshness");
  EXPECT_THAT(run.verdict.findings[0].actual,
              ::testing::MatchesRegex("results\\.json written at [0-9T:.-]+Z, before the run "
                                      "started at [0-9T:.-]+Z: not this run's"));
}

TEST_F(RunCanary, AReportOfAnotherRunIdIsAMismatch) {
  const CanaryRun run = run_canary(green_spec(), fake("green", "env: {CANARY_FAKE_RUN_ID: x}\n"),
                                   options_);
  EXPECT_EQ(run.verdict.outcome, Outcome::mismatch);
  ASSERT_THAT(run.verdict.findings, SizeIs(1));
  EXPECT_EQ(format(run.verdict.findings[0]), "run_id: expected " + run.last().run_id + ", got x");
}

TEST(MakeRunId, IsTheCanaryTimePidAndRandomHex) {
  const std::regex shape("bad-backup-[0-9]{8}T[0-9]{6}Z-" + std::to_string(::getpid()) +
                         "-[0-9a-f]{8}");
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = make_run_id("bad-backup");
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    ids.insert(id);
  }
  EXPECT_THAT(ids, SizeIs(1000));
}

}  // namespace
}  // namespace canary
