// Approval tests of the `canary` command line: each case runs the real binary and compares its
// exit code, stdout and stderr, with paths, run ids and durations scrubbed, to a golden file.
// Set CANARY_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
#include <canary/process.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {
namespace fs = std::filesystem;

const std::string kSource = CANARY_SOURCE_DIR;
const std::string kBin = CANARY_BIN_DIR;
const std::string kData = kSource + "/tests/cli/data";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliApprovalTest : public testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() /
           ("canary-cli-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  CliRun canary(const std::vector<std::string>& args) {
    canary::ProcessRequest request;
    request.argv = {kBin + "/canary"};
    request.argv.insert(request.argv.end(), args.begin(), args.end());
    request.stdout_path = (tmp_ / "stdout").string();
    request.stderr_path = (tmp_ / "stderr").string();
    request.working_dir = kSource;
    request.env = {{"CANARY_ARTIFACT_ROOT", (tmp_ / "artifacts").string()}, {"COLUMNS", "100"}};
    request.timeout = std::chrono::seconds(60);
    const canary::ProcessOutcome outcome = canary::run_process(request);
    EXPECT_TRUE(outcome.started) << outcome.start_error;
    EXPECT_FALSE(outcome.timed_out);
    return {outcome.exit_code.value_or(-1), read_file(request.stdout_path),
            read_file(request.stderr_path)};
  }

  std::string scrub(std::string text) const {
    replace_all(text, tmp_.string(), "<tmp>");
    replace_all(text, kData, "<data>");
    replace_all(text, kSource, "<src>");
    replace_all(text, kBin, "<bin>");
    static const std::regex run_id(R"(-\d{8}T\d{6}Z-\d+-[0-9a-f]{8})");
    static const std::regex seconds(R"(\d+\.\d+s\b)");
    static const std::regex duration(R"("duration_s": [0-9.e-]+)");
    static const std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
    text = std::regex_replace(text, run_id, "-<run>");
    text = std::regex_replace(text, seconds, "<t>s");
    text = std::regex_replace(text, duration, "\"duration_s\": <t>");
    return std::regex_replace(text, stamp, "<time>");
  }

  // Compares one run with tests/cli/golden/<name>.txt.
  void approve(const std::string& name, const std::vector<std::string>& args, int exit_code) {
    const CliRun run = canary(args);
    std::string command = "$ canary";
    for (const auto& a : args) command += " " + a;
    const std::string actual = scrub(command + "\n[exit " + std::to_string(run.exit_code) +
                                     "]\n--- stdout\n" + run.out + "--- stderr\n" + run.err);
    EXPECT_EQ(run.exit_code, exit_code) << actual;
    const fs::path golden = fs::path(kSource) / "tests/cli/golden" / (name + ".txt");
    if (std::getenv("CANARY_UPDATE_GOLDEN")) {
      std::ofstream(golden, std::ios::binary) << actual;
      return;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with CANARY_UPDATE_GOLDEN=1\n"
                                    << actual;
    EXPECT_EQ(actual, read_file(golden)) << "golden file " << golden
                                         << " differs (CANARY_UPDATE_GOLDEN=1 rewrites it)";
  }

  fs::path tmp_;
};

TEST_F(CliApprovalTest, Help) {
  approve("help", {"--help"}, 0);
  approve("lint-help", {"lint", "--help"}, 0);
  approve("list-help", {"list", "--help"}, 0);
  approve("verify-help", {"verify", "--help"}, 0);
  approve("run-help", {"run", "--help"}, 0);
  approve("teeth-help", {"teeth", "--help"}, 0);
  approve("report-help", {"report", "--help"}, 0);
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
  approve("lint-empty", {"lint", (tmp_ / "empty").string()}, 4);
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

// The issue's acceptance check, for real: canary-localci made to ignore failures in the custom
// tier reports the stale-mime recipe green, and bad-false-green catches it.
TEST_F(CliApprovalTest, RunCatchesAHarnessThatIgnoresCustomFailures) {
  std::ifstream in(kSource + "/harness/profiles/local.yaml");
  std::stringstream local;
  local << in.rdbuf();
  std::string faulty = local.str();
  replace_all(faulty, "harness: local", "harness: local-ignoring-custom-failures");
  replace_all(faulty, "\"--out\", \"{artifacts}\"]",
              "\"--out\", \"{artifacts}\", \"--fault\", \"ignore-custom-failures\"]");
  ASSERT_NE(faulty.find("ignore-custom-failures\"]"), std::string::npos) << faulty;
  std::ofstream((tmp_ / "faulty.yaml")) << faulty;
  approve("run-faulty-harness",
          {"run", "--profile", (tmp_ / "faulty.yaml").string(), "bad-false-green", "good-simple"},
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
