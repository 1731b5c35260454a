#include "runner/process.hpp"

#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace canary {
namespace {

using canary::testing::fake_harness;
using canary::testing::read_text;
using canary::testing::TempDir;
using canary::testing::write_text;
using namespace std::chrono_literals;

class RunProcess : public ::testing::Test {
 protected:
  ProcessRequest request(std::vector<std::string> argv) const {
    ProcessRequest r;
    r.argv = std::move(argv);
    r.stdout_path = dir_ / "stdout.log";
    r.stderr_path = dir_ / "stderr.log";
    r.timeout = 20s;  // far above what these programs need; never reached unless broken
    r.grace = 1s;
    return r;
  }
  ProcessRequest fake(const std::string& mode, std::vector<std::string> extra = {}) const {
    std::vector<std::string> argv = {fake_harness(), "--mode", mode, "--out", dir_ / "out"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return request(std::move(argv));
  }

  // The whole process group is gone: no member, not even a zombie, is left.
  static void expect_group_gone(int pgid) {
    ASSERT_GT(pgid, 0);
    errno = 0;
    EXPECT_EQ(::kill(-pgid, 0), -1) << "members of group " << pgid << " are still alive";
    EXPECT_EQ(errno, ESRCH);
  }

  TempDir dir_;
};

TEST_F(RunProcess, ReportsTheExitCode) {
  for (int code : {0, 1, 3, 42, 255}) {
    SCOPED_TRACE("exit " + std::to_string(code));
    const ProcessOutcome outcome = run_process(fake("green", {"--exit", std::to_string(code)}));
    ASSERT_TRUE(outcome.started) << outcome.start_error;
    EXPECT_EQ(outcome.exit_code, code);
    EXPECT_EQ(outcome.signal, std::nullopt);
    EXPECT_FALSE(outcome.timed_out);
    EXPECT_FALSE(outcome.killed);
    EXPECT_FALSE(outcome.stray_processes);
    expect_group_gone(outcome.pid);
  }
}

TEST_F(RunProcess, ReportsTheSignalThatEndedIt) {
  for (int signal : {SIGSEGV, SIGABRT, SIGTERM, SIGKILL, SIGBUS}) {
    SCOPED_TRACE(signal_name(signal));
    const ProcessOutcome outcome =
        run_process(fake("signal", {"--signal", std::to_string(signal)}));
    ASSERT_TRUE(outcome.started) << outcome.start_error;
    EXPECT_EQ(outcome.signal, signal);
    EXPECT_EQ(outcome.exit_code, std::nullopt);
    EXPECT_FALSE(outcome.timed_out);
  }
}

TEST_F(RunProcess, AMissingProgramDoesNotStart) {
  struct Case {
    std::string program;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"/nonexistent/dir/prog",
       "cannot execute '/nonexistent/dir/prog': No such file or directory"},
      {"canary-no-such-program-anywhere",
       "cannot execute 'canary-no-such-program-anywhere': not found in PATH"},
      {"/tmp", "cannot execute '/tmp': Is a directory"},
      {"", "cannot execute '': empty program name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.program);
    const ProcessOutcome outcome = run_process(request({c.program}));
    EXPECT_FALSE(outcome.started);
    EXPECT_EQ(outcome.start_error, c.error);
    EXPECT_EQ(outcome.exit_code, std::nullopt);
  }
  const ProcessOutcome empty = run_process(request({}));
  EXPECT_FALSE(empty.started);
  EXPECT_EQ(empty.start_error, "cannot execute: empty command");
}

TEST_F(RunProcess, ANonExecutableFileDoesNotStart) {
  const std::string script = dir_ / "not-executable.sh";
  canary::testing::write_script(script, "exit 0\n", 0644);
  const ProcessOutcome outcome = run_process(request({script}));
  EXPECT_FALSE(outcome.started);
  EXPECT_EQ(outcome.start_error, "cannot execute '" + script + "': Permission denied");
}

TEST_F(RunProcess, FindsAProgramInPath) {
  const ProcessOutcome outcome = run_process(request({"sh", "-c", "exit 7"}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(outcome.exit_code, 7);
}

TEST_F(RunProcess, WritesOutputToFilesWithStdinEmpty) {
  // `cat` would block on a terminal or pipe; with /dev/null it ends at once with no output.
  const ProcessOutcome outcome =
      run_process(request({"sh", "-c", "echo to-stdout; echo to-stderr >&2; cat"}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(read_text(dir_ / "stdout.log"), "to-stdout\n");
  EXPECT_EQ(read_text(dir_ / "stderr.log"), "to-stderr\n");
}

TEST_F(RunProcess, TruncatesOutputFilesFromAnEarlierRun) {
  write_text(dir_ / "stdout.log", "an older and much longer output\n");
  const ProcessOutcome outcome = run_process(request({"sh", "-c", "echo new"}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(read_text(dir_ / "stdout.log"), "new\n");
}

TEST_F(RunProcess, AnUnopenableOutputFileDoesNotStart) {
  ProcessRequest r = request({"sh", "-c", "exit 0"});
  r.stdout_path = dir_ / "no-such-dir/stdout.log";
  const ProcessOutcome outcome = run_process(r);
  EXPECT_FALSE(outcome.started);
  EXPECT_EQ(outcome.start_error, "cannot open '" + r.stdout_path + "': No such file or directory");
}

TEST_F(RunProcess, InheritsTheEnvironmentWithOverrides) {
  ::setenv("CANARY_TEST_INHERITED", "from-parent", 1);
  ::setenv("CANARY_TEST_OVERRIDDEN", "old", 1);
  ProcessRequest r =
      request({"sh", "-c",
               "printf '%s|%s|%s' \"$CANARY_TEST_INHERITED\" \"$CANARY_TEST_OVERRIDDEN\" "
               "\"$CANARY_TEST_NEW\""});
  r.env = {{"CANARY_TEST_OVERRIDDEN", "new"}, {"CANARY_TEST_NEW", "a b=c"}};
  const ProcessOutcome outcome = run_process(r);
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(read_text(dir_ / "stdout.log"), "from-parent|new|a b=c");
  ::unsetenv("CANARY_TEST_INHERITED");
  ::unsetenv("CANARY_TEST_OVERRIDDEN");
}

TEST_F(RunProcess, StartsInTheWorkingDirectory) {
  ProcessRequest r = request({"sh", "-c", "pwd -P"});
  r.working_dir = dir_.path();
  const ProcessOutcome outcome = run_process(r);
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(read_text(dir_ / "stdout.log"),
            std::filesystem::canonical(dir_.path()).string() + "\n");

  r.working_dir = dir_ / "missing";
  const ProcessOutcome missing = run_process(r);
  EXPECT_FALSE(missing.started);
  EXPECT_EQ(missing.start_error, "cannot enter working directory '" + r.working_dir + "'");
}

TEST_F(RunProcess, TheHarnessInheritsNoDescriptorButItsStdio) {
  // Like a CI job's pipe: inheritable, and below anything run_process opens.
  const int inherited = ::open(dir_.path().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(inherited, 3);
  const ProcessOutcome outcome = run_process(request({"sh", "-c", "ls /proc/$$/fd"}));
  ::close(inherited);
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(read_text(dir_ / "stdout.log"), "0\n1\n2\n");
}

TEST_F(RunProcess, LeadsItsOwnProcessGroup) {
  const ProcessOutcome outcome = run_process(request({"sh", "-c", "ps -o pgid= -p $$"}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(std::stoi(read_text(dir_ / "stdout.log")), outcome.pid);
  EXPECT_NE(outcome.pid, ::getpgrp());
}

TEST_F(RunProcess, TimeoutKillsTheGroupEvenWithAGrandchildHoldingStdout) {
  ProcessRequest r = fake("hang");
  r.timeout = 300ms;
  r.grace = 2s;
  const ProcessOutcome outcome = run_process(r);
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_FALSE(outcome.killed) << "TERM should have been enough";
  EXPECT_EQ(outcome.signal, SIGTERM);
  EXPECT_EQ(outcome.exit_code, std::nullopt);
  expect_group_gone(outcome.pid);
  std::cout << "[ measure  ] hang: returned " << (outcome.elapsed - r.timeout).count()
            << " ms after the deadline (limit: grace " << r.grace.count() << " ms)\n";
}

TEST_F(RunProcess, AHarnessIgnoringTermIsKilledAfterTheGrace) {
  ProcessRequest r = fake("hang-ignore-term");
  r.timeout = 200ms;
  r.grace = 300ms;
  const ProcessOutcome outcome = run_process(r);
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_TRUE(outcome.killed);
  EXPECT_EQ(outcome.signal, SIGKILL);
  expect_group_gone(outcome.pid);
  std::cout << "[ measure  ] ignore-TERM: returned "
            << (outcome.elapsed - r.timeout - r.grace).count() << " ms after the KILL was due\n";
}

TEST_F(RunProcess, KillsStrayProcessesLeftByTheHarness) {
  const ProcessOutcome outcome = run_process(fake("stray"));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_TRUE(outcome.stray_processes);
  EXPECT_FALSE(outcome.timed_out);
  expect_group_gone(outcome.pid);
}

// A process that left the group and has already exited reaches us as a zombie when the harness
// ends: it is dead, not left behind, so it is reaped and never counted as a stray (Buildbot's
// daemons leave exactly such zombies on every start).
TEST_F(RunProcess, AnEscapedProcessThatAlreadyExitedIsNoStray) {
  const ProcessOutcome outcome = run_process(request(
      {"/usr/bin/python3", "-c",
       "import os, time\n"
       "if os.fork() == 0:\n"
       "    os.setsid()\n"
       "    os._exit(0)\n"
       "time.sleep(0.3)\n"}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.escaped_processes, 0);
  EXPECT_EQ(outcome.stray_count, 0);
  EXPECT_FALSE(outcome.stray_processes);
}

// Two runs at once in one process (canary teeth --harness-faults runs canaries on threads): the
// run that started first and ends first must not take the later run's harness, a new child of
// this process, for an orphan of its own.
TEST_F(RunProcess, ConcurrentRunsLeaveEachOthersHarnessAlone) {
  ProcessRequest first = fake("hang");
  first.timeout = 600ms;
  first.grace = 300ms;
  std::promise<ProcessOutcome> first_outcome;
  std::thread thread([&] { first_outcome.set_value(run_process(first)); });
  std::this_thread::sleep_for(150ms);  // the first run is under way when the second starts
  TempDir other;
  ProcessRequest second = fake("hang");
  second.stdout_path = other / "stdout.log";
  second.stderr_path = other / "stderr.log";
  second.timeout = 2s;
  second.grace = 300ms;
  const ProcessOutcome later = run_process(second);
  const ProcessOutcome earlier = first_outcome.get_future().get();
  thread.join();
  ASSERT_TRUE(earlier.started) << earlier.start_error;
  ASSERT_TRUE(later.started) << later.start_error;
  EXPECT_TRUE(earlier.timed_out);
  EXPECT_EQ(earlier.escaped_processes, 0) << "the first run killed the second run's harness";
  EXPECT_TRUE(later.timed_out) << "the second harness was killed before its deadline";
  expect_group_gone(earlier.pid);
  expect_group_gone(later.pid);
}

TEST_F(RunProcess, FloodGoesToTheFileNotToMemory) {
  constexpr long long kBytes = 64LL * 1024 * 1024;
  const ProcessOutcome outcome = run_process(fake("flood", {"--bytes", std::to_string(kBytes)}));
  ASSERT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(std::filesystem::file_size(dir_ / "stdout.log"), static_cast<std::uintmax_t>(kBytes));
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  std::cout << "[ measure  ] flood of " << kBytes / (1024 * 1024)
            << " MiB: peak RSS of the test process " << usage.ru_maxrss / 1024 << " MiB, took "
            << outcome.elapsed.count() << " ms\n";
}

TEST(SignalName, NamesTheCommonSignals) {
  const std::vector<std::pair<int, std::string>> cases = {
      {SIGTERM, "SIGTERM"}, {SIGKILL, "SIGKILL"}, {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"},
      {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"}, {SIGPIPE, "SIGPIPE"},
      {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGUSR1, "SIGUSR1"},
      {SIGUSR2, "SIGUSR2"}, {SIGALRM, "SIGALRM"}, {64, "signal 64"},    {0, "signal 0"},
  };
  for (const auto& [number, name] : cases) EXPECT_EQ(signal_name(number), name) << number;
}

}  // namespace
}  // namespace canary
