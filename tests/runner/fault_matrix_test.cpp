// The runner fault matrix: every way a harness can fail to complete, each
// against a real misbehaving program. Every row must end as TOOL_ERROR with a message that names
// the cause, a canary-run.json that says the same, and nothing of the harness left running.
#include "run_canary_fixture.hpp"
#include "support/temp_dir.hpp"

#include "runner/process.hpp"
#include <canary/results_parser.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

#include <sys/stat.h>

namespace canary {
namespace {

namespace fs = std::filesystem;
using canary::testing::read_text;
using canary::testing::write_text;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// One row: how the harness misbehaves and the cause the TOOL_ERROR must name.
struct Fault {
  std::string name;     // the test's name
  std::string command;  // the profile's command (YAML flow list); {fake} is the fake harness
  std::string cause;    // a regex the whole message must match; {dir} is the artifact dir
  std::chrono::seconds timeout;
};

constexpr std::chrono::seconds kUnused{20};  // the timeout of rows that do not hang

std::ostream& operator<<(std::ostream& os, const Fault& fault) { return os << fault.name; }

// The rows' commands: the fake harness in `mode`, `extra` arguments after --out.
std::string fake(const std::string& mode, const std::string& extra = "") {
  return canary::testing::fake_command(mode, extra);
}

std::string signal_row(int number) {
  return fake("signal", R"(, "--signal", ")" + std::to_string(number) + R"(")");
}

// How the harness ended is followed by the end of its stderr, naming the log.
const std::string kStderrLog =
    "; last lines of \\{dir\\}/harness\\.stderr\\.log: fake harness: writing to \\{dir\\}";
const std::string kResults = "\\{dir\\}/results\\.json";

std::vector<Fault> faults() {
  std::vector<Fault> rows = {
      {"HangWithGrandchildHoldingThePipes", fake("hang"),
       "harness timed out after 1s \\(killed with SIGTERM\\)" + kStderrLog, std::chrono::seconds(1)},
      {"HangIgnoringTerm", fake("hang-ignore-term"),
       "harness timed out after 1s \\(killed with SIGKILL\\)" + kStderrLog, std::chrono::seconds(1)},
      {"HangWithGrandchildrenThatLeftTheGroup", fake("hang-escape"),
       "harness timed out after 1s \\(killed with SIGTERM\\)" + kStderrLog, std::chrono::seconds(1)},
      {"ExecutableMissing", R"(["/nonexistent/harness"])",
       "could not start harness: cannot execute '/nonexistent/harness': No such file or "
       "directory", kUnused},
      {"ExecutableNotExecutable", R"(["{profile_dir}/not-executable.sh"])",
       "could not start harness: cannot execute '.*/not-executable\\.sh': Permission denied", kUnused},
      {"ExecutableIsADirectory", R"(["{profile_dir}"])",
       "could not start harness: cannot execute '.*': Is a directory", kUnused},
      {"ExecutableNotInPath", R"(["canary-no-such-harness-anywhere"])",
       "could not start harness: cannot execute 'canary-no-such-harness-anywhere': not found in "
       "PATH", kUnused},
      {"ResultsMissing", fake("no-results"),
       kResults + ": cannot open: No such file or directory; the harness exited with code 0" +
           kStderrLog,
       kUnused},
      {"ResultsEmpty", fake("empty-results"), kResults + ": .*empty.*", kUnused},
      {"ResultsTruncated", fake("truncated-results"), kResults + ": .*", kUnused},
      {"ResultsWrongType", fake("wrong-type-results"), kResults + ": .*install.*", kUnused},
      {"Results100MB", fake("huge-results", R"(, "--bytes", "104857600")"),
       kResults + ": .*(large|big|size).*", kUnused},
      {"ResultsNotUtf8", fake("not-utf8-results"), kResults + ": .*(UTF-8|utf-8|invalid).*", kUnused},
  };
  const std::vector<std::pair<int, std::string>> signals = {
      {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"}, {SIGKILL, "SIGKILL"}, {SIGTERM, "SIGTERM"},
      {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},   {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
      {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},   {SIGPIPE, "SIGPIPE"}, {SIGUSR1, "SIGUSR1"},
      {SIGALRM, "SIGALRM"},
  };
  for (const auto& [number, name] : signals) {
    rows.push_back(
        {"DiesBy" + name, signal_row(number), "harness killed by " + name + kStderrLog, kUnused});
  }
  return rows;
}

class FaultMatrix : public RunCanary, public ::testing::WithParamInterface<Fault> {};

// The process's pids that the harness wrote down, if it did.
std::vector<int> pids_in(const std::string& path) {
  std::vector<int> pids;
  std::ifstream file(path);
  for (int pid = 0; file >> pid;) pids.push_back(pid);
  return pids;
}

TEST_P(FaultMatrix, EndsAsAToolErrorNamingTheCause) {
  const Fault& fault = GetParam();
  options_.retries = 0;
  canary::testing::write_script(root_ / "not-executable.sh", "exit 0\n", 0644);
  CanarySpec spec = green_spec();
  spec.timeout = fault.timeout;

  const auto started = std::chrono::steady_clock::now();
  const CanaryRun run = run_canary(spec, profile(fault.command), options_);
  const auto took = std::chrono::steady_clock::now() - started;

  const RunRecord& record = run.last();
  std::string cause = fault.cause;
  const std::string dir_regex =
      std::regex_replace(record.artifact_dir, std::regex(R"([.^$|()\[\]{}*+?\\])"), "\\$&");
  const std::string placeholder = "\\{dir\\}";
  for (auto at = cause.find(placeholder); at != std::string::npos; at = cause.find(placeholder)) {
    cause.replace(at, placeholder.size(), dir_regex);
  }
  ASSERT_EQ(run.verdict.outcome, Outcome::tool_error)
      << ::testing::PrintToString(run.verdict.findings);
  ASSERT_THAT(run.verdict.findings, ::testing::SizeIs(1));
  EXPECT_EQ(run.verdict.findings[0].check, "harness");
  EXPECT_THAT(run.verdict.findings[0].actual, MatchesRegex(cause));
  EXPECT_EQ(record.outcome, Outcome::tool_error);
  EXPECT_EQ(record.findings, run.verdict.findings);
  expect_record_on_disk(record);

  // Nothing of the harness is left: its group (the leader's pid) and, for the grandchildren
  // that left the group, each pid (reaped by this process, the subreaper).
  for (const int pgid : pids_in(record.artifact_dir + "/harness.pid")) {
    errno = 0;
    EXPECT_EQ(::kill(-pgid, 0), -1) << "group " << pgid << " still has members";
    EXPECT_EQ(errno, ESRCH);
  }
  const std::vector<int> escaped = pids_in(record.artifact_dir + "/harness.escaped");
  if (fault.name == "HangWithGrandchildrenThatLeftTheGroup") {
    EXPECT_EQ(escaped.size(), 2U);
  }
  for (const int pid : escaped) {
    errno = 0;
    EXPECT_EQ(::kill(pid, 0), -1) << "escaped grandchild " << pid << " is still alive";
    EXPECT_EQ(errno, ESRCH);
  }
  if (record.timed_out) {
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(took - spec.timeout);
    std::cout << "[ measure  ] " << fault.name << ": run_canary returned " << latency.count()
              << " ms after the 1 s timeout (grace 1000 ms)\n";
  }
}

INSTANTIATE_TEST_SUITE_P(Harness, FaultMatrix, ::testing::ValuesIn(faults()),
                         [](const ::testing::TestParamInfo<Fault>& row) { return row.param.name; });

// A results.json rewritten in place while it is read: each read is one whole version or a
// clear error, never a blend of two versions and never a silent pass of a torn file.
TEST(ResultsReplacedWhileRead, EachReadIsOneVersionOrAnError) {
  canary::testing::TempDir dir;
  const std::string path = dir / "results.json";
  const std::string artifacts = dir / "harness-out";
  // Two complete versions from the fake harness itself: green and RED at backup.
  auto version = [&](const std::string& mode) {
    const std::string out = dir / mode;
    const std::string command =
        canary::testing::fake_harness() + " --mode " + mode + " --out " + out + " >/dev/null 2>&1";
    EXPECT_NE(std::system(command.c_str()), -1);
    return read_text(out + "/results.json");
  };
  const std::string green = version("green");
  const std::string red = version("red-backup");
  ASSERT_FALSE(green.empty());
  ASSERT_FALSE(red.empty());
  write_text(path, green);

  std::atomic<bool> stop = false;
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      std::ofstream file(path, std::ios::binary | std::ios::trunc);
      file << (i % 2 == 0 ? red : green);
    }
  });
  int whole = 0;
  int errors = 0;
  CanarySpec spec = green_spec();
  for (int i = 0; i < 300; ++i) {
    const ParsedResults parsed = parse_results_file(path);
    if (!parsed.ok()) {
      ++errors;
      EXPECT_THAT(parsed.error, HasSubstr(path));
      continue;
    }
    ++whole;
    const TierResult* backup = parsed.result.find_tier("backup");
    const TierResult* restore = parsed.result.find_tier("restore");
    ASSERT_NE(backup, nullptr);
    ASSERT_NE(restore, nullptr);
    // green: backup pass, restore pass; red: backup fail, restore skip. Nothing in between.
    const bool is_green = backup->status == Status::pass && restore->status == Status::pass;
    const bool is_red = backup->status == Status::fail && restore->status == Status::skip;
    EXPECT_TRUE(is_green || is_red) << "a blend of two versions";
  }
  stop = true;
  writer.join();
  std::cout << "[ measure  ] 300 reads during rewrites: " << whole << " whole versions, " << errors
            << " clear errors\n";
}

}  // namespace
}  // namespace canary
