// Approval tests of the `canary` command line: each case runs the real binary and compares its
// exit code, stdout and stderr, with paths, run ids and durations scrubbed, to a golden file in
// tests/cli/golden (see tests/support/approval.hpp; CANARY_UPDATE_GOLDEN=1 rewrites them).
#include "runner/process.hpp"
#include "support/approval.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;
using canary::testing::CliRun;
using canary::testing::read_text;
using canary::testing::replace_all;
using canary::testing::write_indexed_run;
using canary::testing::write_text;

const std::string kSource = CANARY_SOURCE_DIR;
const std::string kBin = CANARY_BIN_DIR;
const std::string kData = kSource + "/tests/cli/data";

class CliApprovalTest : public testing::Test {
 protected:
  CliRun canary(const std::vector<std::string>& args) {
    return canary::testing::run_cli(args, tmp_.path());
  }

  // Compares one run with tests/cli/golden/<name>.txt.
  void approve(const std::string& name, const std::vector<std::string>& args, int exit_code) {
    canary::testing::approve_cli(args, exit_code, kSource + "/tests/cli/golden/" + name + ".txt",
                                 tmp_.path(), scrub_);
  }

  // Named for the test, so transcripts show the same path (before it is scrubbed) on every run.
  const canary::testing::TempDir tmp_{"canary-cli-" + std::to_string(::getpid()) + "-" +
                                      testing::UnitTest::GetInstance()->current_test_info()->name()};
  const canary::testing::Scrubber scrub_ =
      canary::testing::scrubber_for({{tmp_.path(), "<tmp>"}, {kData, "<data>"}});
};

TEST_F(CliApprovalTest, Help) {
  approve("help", {"--help"}, 0);
  approve("lint-help", {"lint", "--help"}, 0);
  approve("list-help", {"list", "--help"}, 0);
  approve("verify-help", {"verify", "--help"}, 0);
  approve("run-help", {"run", "--help"}, 0);
  approve("teeth-help", {"teeth", "--help"}, 0);
  approve("report-help", {"report", "--help"}, 0);
  approve("new-help", {"new", "--help"}, 0);
}

// A real run of canary-localci per canary and fault, one at a time so the lines keep their order;
// nothing here catches noop-upgrade (only bad-upgrade does), so it survives and the exit is 1.
TEST_F(CliApprovalTest, TeethHarnessFaultsScoresEachFault) {
  approve("teeth-harness-faults",
          {"teeth", "--harness-faults", "--jobs", "1", "--fault", "exit-zero", "--fault",
           "noop-upgrade", "canaries/bad-install.yaml", "canaries/good-simple.yaml"},
          1);
}

TEST_F(CliApprovalTest, TeethHarnessFaultsNeedsAProfileThatInjectsFaults) {
  approve("teeth-harness-faults-no-faults",
          {"teeth", "--harness-faults", "--profile", "harness/profiles/example.yaml",
           "canaries/good-simple.yaml"},
          2);
  approve("teeth-fault-without-harness-faults", {"teeth", "--fault", "exit-zero"}, 2);
}

TEST_F(CliApprovalTest, UsageErrorsExitTwo) {
  approve("no-subcommand", {}, 2);
  approve("unknown-subcommand", {"frobnicate"}, 2);
  approve("verify-without-dirs", {"verify"}, 2);
}

TEST_F(CliApprovalTest, LintAcceptsGoodSpecs) { approve("lint-good", {"lint", kData + "/canaries"}, 0); }

TEST_F(CliApprovalTest, LintReportsEveryErrorWithLineAndColumn) {
  approve("lint-bad", {"lint", kData + "/bad", kData + "/canaries"}, 2);
}

TEST_F(CliApprovalTest, LintOfAnEmptyDirSelectsNothing) {
  fs::create_directories(tmp_ / "empty");
  approve("lint-empty", {"lint", tmp_ / "empty"}, 4);
}

TEST_F(CliApprovalTest, ListShowsLabelsAndExpectations) {
  approve("list", {"list", kData + "/canaries"}, 0);
  approve("list-fast-json", {"list", kData + "/canaries", "--label", "canary_fast", "--json"}, 0);
  approve("list-nothing", {"list", kData + "/canaries", "--label", "no_such_label"}, 4);
}

TEST_F(CliApprovalTest, VerifyJudgesCcciArtifactsCold) {
  const std::string canaries = "--canaries=" + kData + "/canaries";
  const std::string art = kData + "/artifacts/";
  approve("verify-green-derived", {"verify", canaries, "--canary", "healthy", art + "ccci-green"}, 0);
  approve("verify-schema1", {"verify", canaries, "--canary", "healthy", art + "ccci-schema1"}, 1);
  approve("verify-red-backup",
          {"verify", canaries, "--canary", "bad-backup", "--exit-code", "1", art + "ccci-red-backup"},
          0);
  approve("verify-false-green",
          {"verify", canaries, "--canary", "bad-backup", art + "ccci-false-green"}, 1);
  approve("verify-xfail", {"verify", canaries, "--canary", "known-bug", art + "ccci-false-green"}, 0);
  approve("verify-xpass", {"verify", canaries, "--canary", "known-bug", art + "ccci-red-backup"}, 1);
  approve("verify-truncated", {"verify", canaries, "--canary", "healthy", art + "ccci-truncated"}, 3);
  approve("verify-json",
          {"verify", canaries, "--canary", "bad-backup", "--json", art + "ccci-red-backup",
           art + "ccci-false-green"},
          1);
  approve("verify-no-record", {"verify", canaries, art + "ccci-green"}, 2);
}

// A record as an older Canary or another tool writes it: only the keys first promised.
std::string promised_record(const std::string& canary, const std::string& started, int attempts,
                            const std::string& more = "") {
  return "{\"canary\": \"" + canary + "\", \"run_id\": \"r\", \"profile\": \"example\", " +
         "\"command\": [], \"started\": \"" + started + "\", \"finished\": \"" + started +
         "\", \"signal\": null, \"attempts\": " + std::to_string(attempts) +
         ", \"outcome\": \"PASS\", \"findings\": []" + more + "}\n";
}

// Runs of one second apart by less than a second, and attempts of the same second: --latest
// takes the newest by time (sub-second included), then the highest attempt, never the name.
TEST_F(CliApprovalTest, VerifyLatestOrdersSameSecondRunsByTimeThenAttempt) {
  const std::string canaries = "--canaries=" + kSource + "/harness/example/canaries";
  const std::string root = tmp_ / "root";
  const std::string healthy = ", \"exit_code\": 0, \"timed_out\": false";
  write_indexed_run(root, "a-attempt-2",
                    promised_record("example-healthy", "2026-11-22T02:49:19Z", 2,
                                    ", \"exit_code\": 3, \"timed_out\": false"));
  write_indexed_run(root, "b-attempt-1",
                    promised_record("example-healthy", "2026-11-22T02:49:19Z", 1, healthy));
  write_indexed_run(root, "c-earlier",
                    promised_record("example-healthy", "2026-11-22T02:49:18.900Z", 3, healthy));
  approve("verify-latest-same-second", {"verify", canaries, "--latest", root}, 3);
}

// As `canary run` judged it: a timed-out run is a TOOL_ERROR whatever exit code it recorded.
TEST_F(CliApprovalTest, VerifyJudgesATimedOutRecordAToolErrorWhateverItsExitCode) {
  const std::string canaries = "--canaries=" + kSource + "/harness/example/canaries";
  const fs::path dir = tmp_ / "timed-out";
  fs::create_directories(dir);
  write_text(dir / "canary-run.json", promised_record("example-healthy", "2026-11-22T02:49:19Z", 1,
                                                     ", \"exit_code\": 0, \"timed_out\": true"));
  std::ofstream(dir / "results.json") << "{\"results\": {\"install\": \"pass\"}}\n";
  approve("verify-timed-out-record", {"verify", canaries, dir.string()}, 3);
}

TEST_F(CliApprovalTest, RunThenVerifyTheRecordedRuns) {
  approve("run-example", {"run", "--canaries", kSource + "/harness/example/canaries"}, 0);
  std::vector<std::string> args = {"verify", "--canaries", kSource + "/harness/example/canaries"};
  for (const auto& entry : fs::directory_iterator(tmp_ / "artifacts")) {
    if (entry.path().filename() != ".canary") args.push_back(entry.path());  // not the run index
  }
  std::sort(args.begin() + 3, args.end());
  ASSERT_EQ(args.size(), 5u) << "one run dir per example canary";
  approve("verify-recorded", args, 0);
}

// A profile that does not load is a wrong input, like a wrong spec: exit 2 (as the README's
// exit codes say), never 3, and nothing is run.
TEST_F(CliApprovalTest, RunWithABrokenProfileExitsTwo) {
  std::ofstream(tmp_ / "broken.yaml") << "harness: broken\ncomand: [\"{bin}/ci\"]\ngrace: 5 s\n";
  approve("run-broken-profile",
          {"run", "--canaries", kSource + "/harness/example/canaries", "--profile",
           tmp_ / "broken.yaml"},
          2);
}

// The issue's acceptance check, for real: canary-localci made to ignore failures in the custom
// tier reports the stale-mime recipe green, and bad-false-green catches it.
TEST_F(CliApprovalTest, RunCatchesAHarnessThatIgnoresCustomFailures) {
  std::string faulty = read_text(kSource + "/harness/profiles/local.yaml");
  replace_all(faulty, "harness: local", "harness: local-ignoring-custom-failures");
  replace_all(faulty, "\"--out\", \"{artifacts}\"]",
              "\"--out\", \"{artifacts}\", \"--fault\", \"ignore-custom-failures\"]");
  ASSERT_NE(faulty.find("ignore-custom-failures\"]"), std::string::npos) << faulty;
  std::ofstream(tmp_ / "faulty.yaml") << faulty;
  approve("run-faulty-harness",
          {"run", "--profile", tmp_ / "faulty.yaml", "bad-false-green", "good-simple"},
          1);
}

TEST_F(CliApprovalTest, RunUnknownIdIsAUsageError) { approve("run-unknown", {"run", "--canaries", kSource + "/harness/example/canaries", "nope"}, 2); }

TEST_F(CliApprovalTest, ReportOfRecordedRuns) {
  const std::string night = "tests/report/data/night";
  approve("report-markdown", {"report", night}, 0);
  approve("report-junit", {"report", "--junit", "-", night}, 0);
  approve("report-no-records", {"report", kData + "/canaries"}, 3);
}

}  // namespace

// --annotate github: a workflow command per error and finding, at its spec line.
TEST_F(CliApprovalTest, AnnotateGithubMarksErrorsAndFindingsAtTheirLines) {
  approve("lint-bad-annotate", {"lint", "--annotate", "github", kData + "/bad"}, 2);
  approve("verify-false-green-annotate",
          {"verify", "--canaries=" + kData + "/canaries", "--canary", "bad-backup", "--annotate",
           "github", kData + "/artifacts/ccci-false-green"},
          1);
  approve("annotate-unknown-format", {"lint", "--annotate", "gitlab"}, 2);
}

// Text a harness wrote (here a test name with a line break and a forged command) never starts
// a line of the annotations: it is escaped inside the one command it belongs to.
TEST_F(CliApprovalTest, AnnotationsEscapeHarnessText) {
  fs::create_directories(tmp_ / "run");
  std::ofstream(tmp_ / "run/results.json")
      << R"({"recipe": "custom-html-tiny", "ref": "x", "results": {"install": "pass"},
            "stages": [{"name": "install", "status": "pass", "tests": [
              {"name": "test_serving", "status": "pass"}]},
              {"name": "custom\n::error file=x::forged, 100%", "status": "fail", "tests": []}]})";
  const CliRun run = canary({"verify", "--canaries=" + kData + "/canaries", "--canary", "healthy",
                             "--annotate", "github", tmp_ / "run"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::istringstream lines(run.out);
  int commands = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("::")) continue;
    ++commands;
    EXPECT_TRUE(line.starts_with("::error file=" + kData + "/canaries/healthy.yaml,line="))
        << line;
    EXPECT_EQ(line.find("forged"), line.rfind("forged")) << line;
  }
  EXPECT_GE(commands, 2) << run.out;
  EXPECT_NE(run.out.find("%0A::error file=x::forged, 100%25"), std::string::npos) << run.out;
}

// --bisect maps usage errors to 128, which aborts a bisection instead of marking a commit bad.
TEST_F(CliApprovalTest, BisectAbortsOnUsageAndSpecErrors) {
  approve("run-bisect-unknown-id",
          {"run", "--bisect", "--canaries", kSource + "/harness/example/canaries", "nope"}, 128);
  approve("run-bisect-spec-error", {"run", "--bisect", "--canaries", kData + "/bad"}, 128);
  approve("run-bisect-bad-option", {"run", "--bisect", "--retries", "99"}, 128);
}

// --json: one record per finished canary and a summary, each a line of JSON, on stdout only.
TEST_F(CliApprovalTest, RunJsonPrintsOneObjectPerCanaryAndASummary) {
  const CliRun run = canary({"run", "--json", "--canaries", kSource + "/harness/example/canaries"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 3u) << run.out;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(objects[i].at("outcome"), "PASS") << objects[i].dump();
    EXPECT_TRUE(fs::exists(fs::path(objects[i].at("artifact_dir").get<std::string>()) /
                           "canary-run.json"));
    const auto record = nlohmann::json::parse(read_text(
        fs::path(objects[i].at("artifact_dir").get<std::string>()) / "canary-run.json"));
    EXPECT_EQ(objects[i], record) << "the line holds the record's fields";
  }
  EXPECT_EQ(objects[0].at("canary"), "example-bad-backup");
  EXPECT_EQ(objects[2], nlohmann::json::parse(R"({"summary": {"canaries": 2, "passed": 2,
      "failed": 0, "outcomes": {"PASS": 2}, "exit_code": 0}})"));
  EXPECT_NE(run.err.find("2 passed, 0 failed"), std::string::npos) << "the table is on stderr";
}

// canary new on real runs of canary-localci: the spec it writes lints clean and, verified on
// the run it came from, is PASS; it never writes over a file unless told to.
class NewFromRunTest : public CliApprovalTest {
 protected:
  // Runs the bundled harness on a fixture; returns its exit code.
  int localci(const std::string& sha, const fs::path& out) {
    canary::ProcessRequest request;
    request.argv = {kBin + "/canary-localci", "run", "--recipe", "custom-html-tiny", "--sha", sha,
                    "--run-id", out.filename().string(), "--out", out.string()};
    request.stdout_path = tmp_ / "localci.out";
    request.stderr_path = tmp_ / "localci.err";
    request.timeout = std::chrono::seconds(120);
    const canary::ProcessOutcome outcome = canary::run_process(request);
    EXPECT_TRUE(outcome.started) << outcome.start_error;
    return outcome.exit_code.value_or(-1);
  }
};

constexpr const char* kBadBackupSha = "dda6a47d1f07942d51eeaaebde1600ed5d74bc4c";
constexpr const char* kHealthySha = "4ad6d6e6076c3d2dfa3acc261af4bb66abc93c93";

TEST_F(NewFromRunTest, RedRunGivesASpecThatLintsAndVerifies) {
  const fs::path run = tmp_ / "red-run";
  ASSERT_EQ(localci(kBadBackupSha, run), 1) << read_text(tmp_ / "localci.err");
  const std::string spec = tmp_ / "red.yaml";
  approve("new-from-red-run",
          {"new", "--from", run.string(), "--exit-code", "1", "--id", "backup-misses-state", "-o",
           spec},
          0);
  approve("new-red-lint", {"lint", spec}, 0);
  approve("new-red-verify",
          {"verify", "--canaries", spec, "--canary", "backup-misses-state", "--exit-code", "1",
           run.string()},
          0);
  approve("new-refuses-to-overwrite",
          {"new", "--from", run.string(), "--exit-code", "1", "-o", spec}, 2);
}

TEST_F(NewFromRunTest, GreenRunGivesASpecThatLintsAndVerifies) {
  const fs::path run = tmp_ / "green-run";
  ASSERT_EQ(localci(kHealthySha, run), 0) << read_text(tmp_ / "localci.err");
  approve("new-from-green-run", {"new", "--from", run.string()}, 0);
  const std::string spec = tmp_ / "green.yaml";
  std::ofstream(spec) << "old";
  approve("new-green-force", {"new", "--from", run.string(), "-o", spec, "--force"}, 0);
  approve("new-green-lint", {"lint", spec}, 0);
  approve("new-green-verify",
          {"verify", "--canaries", spec, "--canary", "custom-html-tiny-green", run.string()}, 0);
}

// A run that exits 0 over a failing tier is the harness bug canaries catch: nothing to pin.
TEST_F(NewFromRunTest, ExitZeroOverAFailingTierIsRefused) {
  const fs::path run = tmp_ / "red-run";
  ASSERT_EQ(localci(kBadBackupSha, run), 1) << read_text(tmp_ / "localci.err");
  approve("new-exit-zero-over-failure", {"new", "--from", run.string(), "--exit-code", "0"}, 2);
}

// canary run on a red run, then canary new from the artifact dir it recorded: the record's id
// and exit code; the recorded findings keep the spec line they check.
TEST_F(NewFromRunTest, FromACanaryRunTheRecordGivesIdAndExitCode) {
  const fs::path spec = tmp_ / "wrongly-green.yaml";
  std::ofstream(spec) << "canary: wrongly-green\nrecipe: custom-html-tiny\nsha: " << kBadBackupSha
                      << "\nexpect:\n  verdict: green\n  tests:\n"
                         "    - {tier: backup, name: test_backup_captures_state, status: pass}\n";
  const CliRun run = canary({"run", "--json", "--profile", kSource + "/harness/profiles/local.yaml",
                             "--canaries", spec.string()});
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto record = nlohmann::json::parse(run.out.substr(0, run.out.find('\n')));
  ASSERT_EQ(record.at("outcome"), "MISMATCH") << record.dump(2);
  EXPECT_EQ(record.at("findings")[0].at("location"),
            nlohmann::json::parse(R"({"file": ")" + spec.string() +
                                  R"(", "line": 5, "column": 3})"));
  approve("new-from-canary-run",
          {"new", "--from", record.at("artifact_dir").get<std::string>(), "--id", "caught"}, 0);
  approve("new-scaffold-red",
          {"new", "--recipe", "custom-html-tiny", "--sha", kBadBackupSha, "--expect", "red"}, 0);
  approve("new-without-a-source", {"new", "--expect", "green"}, 2);
}

// Names a harness reported are data in the spec canary new writes: quoted, glob characters
// matched literally, control bytes escaped; the spec still lints and verifies PASS.
TEST_F(NewFromRunTest, HostileTestNamesStayData) {
  fs::create_directories(tmp_ / "run");
  std::ofstream(tmp_ / "run/results.json") << R"({"recipe": "custom-html-tiny",
      "ref": "DDA6A47D1F07942D51EEAAEBDE1600ED5D74BC4C", "run_id": "r1",
      "results": {"install": "fail"},
      "stages": [{"name": "install", "status": "fail", "tests": [
        {"name": "test[1]*?: \"x\"\n  verdict: green", "status": "fail"}]}],
      "flags": {"clean_teardown": true, "no_secret_leak": true}})";
  const std::string spec = tmp_ / "hostile.yaml";
  approve("new-hostile-names", {"new", "--from", tmp_ / "run"}, 0);
  ASSERT_EQ(canary({"new", "--from", tmp_ / "run", "-o", spec}).exit_code, 0);
  EXPECT_EQ(read_text(spec).find("\n  verdict: green"), std::string::npos) << read_text(spec);
  approve("new-hostile-verify",
          {"verify", "--canaries", spec, "--canary", "custom-html-tiny-red", tmp_ / "run"},
          0);
}
