// --fault: deliberate harness bugs must show up in what the harness reports.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <sstream>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

std::vector<std::string> with_fault(std::vector<std::string> argv, const std::string& fault) {
  argv.insert(argv.end(), {"--fault", fault});
  return argv;
}

TEST(FaultsTest, IgnoringCustomFailuresReportsTheStaleMimeRecipeGreen) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto sha = fixture_commit("custom-html", "regression-stale-mime");
  const auto finished = run(
      with_fault(run_args("custom-html", sha, "fault", out), "ignore-custom-failures"), dir.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  EXPECT_THAT(finished.err, HasSubstr("warning: running with --fault ignore-custom-failures"));
  auto results = read_results(out);
  EXPECT_EQ(results["results"]["custom"], "pass");
  EXPECT_EQ(results["localci"]["faults"], nlohmann::json::array({"ignore-custom-failures"}));
  EXPECT_THAT(
      read_text(out / "logs" / "custom.log").value_or(""),
      HasSubstr("FAIL: http web GET /notes.txt: Content-Type is 'application/octet-stream'"));
}

TEST(FaultsTest, LeakingASecretClearsTheFlag) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto sha = fixture_commit("custom-html-tiny", "v1.1.0");
  const auto finished =
      run(with_fault(run_args("custom-html-tiny", sha, "leak", out), "leak-secret"), dir.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  auto results = read_results(out);
  EXPECT_EQ(results["flags"]["no_secret_leak"], false);
  EXPECT_EQ(results["localci"]["secret_leaks"], nlohmann::json::array({"logs/harness.log"}));
}

TEST(FaultsTest, AnUnknownFaultIsAUsageError) {
  TempDir dir;
  const auto sha = fixture_commit("custom-html-tiny", "v1.1.0");
  const auto finished = run(
      with_fault(run_args("custom-html-tiny", sha, "x", dir.path() / "out"), "typo"), dir.path());
  EXPECT_EQ(finished.exit_code, 2);
  EXPECT_THAT(finished.err,
              HasSubstr("unknown --fault 'typo' (known: ignore-custom-failures, leak-secret, "));
}

// One run of custom-html-tiny at `ref` with `fault`; its artifacts in dir/out, its run directory
// under dir/work (reachable by the service users), so whatever a fault leaves goes with `dir`.
Finished run_tiny(const TempDir& dir, const std::string& ref, const std::string& fault) {
  const auto work = dir.path() / "work";
  fs::create_directories(work);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  auto argv = with_fault(run_args("custom-html-tiny", fixture_commit("custom-html-tiny", ref), "f",
                                  dir.path() / "out"),
                         fault);
  argv.insert(argv.end(), {"--work-dir", work.string()});
  return run(argv, dir.path());
}

std::vector<std::string> test_names(const nlohmann::json& results, const std::string& tier) {
  std::vector<std::string> names;
  for (const auto& stage : results["stages"])
    if (stage["name"] == tier)
      for (const auto& test : stage["tests"]) names.push_back(test["name"]);
  return names;
}

TEST(FaultsTest, ListFaultsNamesEveryFaultWithItsEffect) {
  TempDir dir;
  const auto finished = run({harness_path(), "list-faults"}, dir.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.err;
  std::vector<std::string> names;
  std::istringstream lines(finished.out);
  for (std::string line; std::getline(lines, line);) {
    ASSERT_NE(line.find("  "), std::string::npos) << "no effect on: " << line;
    names.push_back(line.substr(0, line.find(' ')));
  }
  EXPECT_THAT(names, ElementsAre("ignore-custom-failures", "leak-secret", "skip-as-pass",
                                 "exit-zero", "drop-failed-tests", "deploy-branch-head",
                                 "noop-upgrade", "restore-noop", "skip-teardown", "tier-off-by-one",
                                 "hang-custom", "crash-mid-run", "truncated-results",
                                 "stale-results", "wrong-recipe", "leave-daemon",
                                 "inconsistent-report"));
}

TEST(FaultsTest, SkipAsPassReportsTiersThatNeverRanAsPassed) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-install", "skip-as-pass");
  EXPECT_EQ(finished.exit_code, 1) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["install"], "fail");
  for (const char* tier : {"upgrade", "backup", "restore", "custom"}) {
    EXPECT_EQ(results["results"][tier], "pass") << tier;
    EXPECT_THAT(test_names(results, tier), IsEmpty()) << tier << " never ran a test";
  }
}

TEST(FaultsTest, ExitZeroLosesTheFailingStatusButNotTheReport) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-install", "exit-zero");
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["install"], "fail");
  EXPECT_EQ(results["exit_code"], 1);
}

TEST(FaultsTest, DropFailedTestsLeavesTheFailingTierWithoutItsTest) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-install", "drop-failed-tests");
  EXPECT_EQ(finished.exit_code, 1) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["install"], "fail");
  EXPECT_THAT(test_names(results, "install"), IsEmpty());
}

TEST(FaultsTest, DeployBranchHeadDeploysMainInsteadOfTheBrokenPin) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-install", "deploy-branch-head");
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  for (const char* tier : {"install", "upgrade", "backup", "restore", "custom"})
    EXPECT_EQ(results["results"][tier], "pass") << tier;
  EXPECT_EQ(results["ref"], fixture_commit("custom-html-tiny", "regression-bad-install"));
  EXPECT_THAT(read_text(dir.path() / "out" / "logs" / "up.log").value_or(""),
              HasSubstr("fault deploy-branch-head: deploying main (" +
                        fixture_commit("custom-html-tiny", "main") + ")"));
}

TEST(FaultsTest, NoopUpgradeNeverInstallsThePreviousRelease) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-upgrade", "noop-upgrade");
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["upgrade"], "pass");
  const auto log = read_text(dir.path() / "out" / "logs" / "upgrade.log").value_or("");
  EXPECT_THAT(log, HasSubstr("fault noop-upgrade"));
  EXPECT_THAT(log, Not(HasSubstr("previous release")));
}

TEST(FaultsTest, RestoreNoopFailsAHealthyRestore) {
  TempDir dir;
  const auto finished = run_tiny(dir, "v1.1.0", "restore-noop");
  EXPECT_EQ(finished.exit_code, 1) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["backup"], "pass");
  EXPECT_EQ(results["results"]["restore"], "fail");
  EXPECT_THAT(test_names(results, "restore"), ElementsAre("test_restore_returns_state"));
}

TEST(FaultsTest, SkipTeardownLeavesTheRunBehindAndTheCheckSaysSo) {
  TempDir dir;
  const auto finished = run_tiny(dir, "v1.1.0", "skip-teardown");
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["flags"]["clean_teardown"], false);
  const std::string run_dir = results["localci"]["run_dir"];
  EXPECT_THAT(results["localci"]["leftovers"].dump(), HasSubstr("run directory " + run_dir));
  EXPECT_THAT(results["localci"]["leftovers"].dump(), HasSubstr("of service web"));
  EXPECT_TRUE(fs::exists(run_dir));
}

TEST(FaultsTest, TierOffByOneShowsTheFailureOneTierLate) {
  TempDir dir;
  const auto finished = run_tiny(dir, "regression-bad-backup", "tier-off-by-one");
  EXPECT_EQ(finished.exit_code, 1) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["backup"], "pass");
  EXPECT_EQ(results["results"]["restore"], "fail");
  EXPECT_EQ(results["results"]["custom"], "skip");
  EXPECT_THAT(test_names(results, "backup"), Contains("test_backup_captures_state"));
}

TEST(FaultsTest, HangCustomHangsUntilStopped) {
  TempDir dir;
  const auto out = dir.path() / "out";
  Started harness(with_fault(run_args("custom-html-tiny",
                                      fixture_commit("custom-html-tiny", "v1.1.0"), "hang", out),
                             "hang-custom"),
                  dir.path());
  ASSERT_TRUE(
      wait_for_text(out / "logs" / "custom.log", "fault hang-custom: the custom tier hangs"));
  ::kill(harness.pid(), SIGTERM);
  const auto finished = harness.wait();
  EXPECT_EQ(finished.exit_code, 128 + SIGTERM) << finished.out << finished.err;
  const auto results = read_results(out);
  EXPECT_EQ(results["results"]["custom"], "error");
  EXPECT_EQ(results["flags"]["clean_teardown"], true);
}

TEST(FaultsTest, CrashMidRunAbortsAfterUpgradeWithoutResults) {
  TempDir dir;
  const auto finished = run_tiny(dir, "v1.1.0", "crash-mid-run");
  EXPECT_EQ(finished.exit_code, -1) << "killed by SIGABRT: " << finished.out << finished.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "results.json"));
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "logs" / "upgrade.log"));
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "logs" / "backup.log"));
  EXPECT_THAT(read_text(dir.path() / "out" / "logs" / "harness.log").value_or(""),
              HasSubstr("fault crash-mid-run: aborting after the upgrade tier"));
}

TEST(FaultsTest, TruncatedResultsIsNotJson) {
  TempDir dir;
  const auto finished = run_tiny(dir, "v1.1.0", "truncated-results");
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto text = read_text(dir.path() / "out" / "results.json");
  ASSERT_TRUE(text.has_value());
  EXPECT_THAT(*text, StartsWith("{\n  \"schema\": 2,"));
  EXPECT_FALSE(nlohmann::json::accept(*text));
}

// One run of custom-html-tiny at `ref` into dir/<out>, with the faults given (none: a healthy run).
Finished run_tiny_into(const TempDir& dir, const std::string& ref, const std::string& out,
                       const std::vector<std::string>& faults) {
  const auto work = dir.path() / "work";
  fs::create_directories(work);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  auto argv = run_args("custom-html-tiny", fixture_commit("custom-html-tiny", ref), out,
                       dir.path() / out);
  for (const auto& fault : faults) argv = with_fault(argv, fault);
  argv.insert(argv.end(), {"--work-dir", work.string()});
  return run(argv, dir.path());
}

TEST(FaultsTest, StaleResultsPublishesThePreviousRunsReportWithItsOldTime) {
  TempDir dir;
  ASSERT_EQ(run_tiny_into(dir, "v1.1.0", "previous", {}).exit_code, 0);
  const auto previous = fs::last_write_time(dir.path() / "previous" / "results.json");
  const auto finished = run_tiny_into(dir, "v1.1.0", "current", {"stale-results"});
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "current");
  EXPECT_EQ(results["run_id"], "previous");
  EXPECT_EQ(fs::last_write_time(dir.path() / "current" / "results.json"), previous);
}

TEST(FaultsTest, WrongRecipeTestsAnotherRecipeAndSaysSo) {
  TempDir dir;
  const auto finished = run_tiny_into(dir, "v1.1.0", "out", {"wrong-recipe"});
  const auto results = read_results(dir.path() / "out");
  EXPECT_NE(results["recipe"], "custom-html-tiny") << finished.out << finished.err;
  EXPECT_NE(results["ref"], fixture_commit("custom-html-tiny", "v1.1.0"));
  EXPECT_EQ(results["ref"], fixture_commit(results["recipe"].get<std::string>(), "main"));
}

TEST(FaultsTest, LeaveDaemonLeavesAServiceRunningAndReportsACleanTeardown) {
  TempDir dir;
  const auto finished = run_tiny_into(dir, "v1.1.0", "out", {"leave-daemon"});
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["flags"]["clean_teardown"], true);
  EXPECT_THAT(results["localci"]["leftovers"], IsEmpty());
  // What Canary would do: kill what was left (each leftover leads its service's process group).
  const std::string run_dir = results["localci"]["run_dir"];
  const std::vector<std::string> left = processes_naming(run_dir);
  EXPECT_THAT(left, Not(IsEmpty())) << "the web service should have survived";
  for (const auto& process : left) {
    const int pid = std::stoi(process);
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }
}

TEST(FaultsTest, InconsistentReportPassesTheFailedTierInTheMapOnly) {
  TempDir dir;
  const auto finished = run_tiny_into(dir, "regression-bad-backup", "out", {"inconsistent-report"});
  EXPECT_EQ(finished.exit_code, 1) << finished.out << finished.err;
  const auto results = read_results(dir.path() / "out");
  EXPECT_EQ(results["results"]["backup"], "pass");
  bool seen = false;
  for (const auto& stage : results["stages"]) {
    if (stage["name"] != "backup") continue;
    seen = true;
    EXPECT_EQ(stage["status"], "fail");
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace canary::localci_test
