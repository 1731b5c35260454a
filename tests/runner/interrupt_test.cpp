// The canary programs as a CI job runs them (`canary run`, `canary-gtest`), as real processes:
// interrupted by SIGINT/SIGTERM while a harness hangs, flooded with a gigabyte of stdout, and
// given a harness that leaks its secret. This test process is not a subreaper, so a harness the
// canary program failed to stop would outlive it and be seen here.
#include <canary/run_record.hpp>

#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace canary {
namespace {

namespace fs = std::filesystem;
using namespace canary::testing;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "tok-5ecr3t-Zq81";

struct Child {
  pid_t pid = 0;
  int status = 0;
  rusage usage{};
};

class CanaryProcess : public ::testing::Test {
 protected:
  CanaryProcess() {
    fs::create_directories(dir_ / "canaries");
    fs::create_directories(dir_ / "artifacts");
  }

  void write_profile(const std::string& command, const std::string& extra = "") {
    write_text(dir_ / "profile.yaml", fake_profile(command, "retries: 0\n" + extra));
  }
  void write_canary(const std::string& id) {
    write_text(dir_ / ("canaries/" + id + ".yaml"), green_spec_yaml(id));
  }

  // Starts `argv` with stdout and stderr to files in the temp dir, CANARY_PROFILE set.
  pid_t start(const std::vector<std::string>& argv, const std::string& name) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir_ / (name + ".out")).c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (dir_ / (name + ".err")).c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::setenv("CANARY_PROFILE", (dir_ / "profile.yaml").c_str(), 1);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::unsetenv("CANARY_PROFILE");
    EXPECT_EQ(error, 0) << argv[0] << ": " << std::strerror(error);
    return error == 0 ? pid : 0;
  }

  // Waits (bounded, so a broken build fails instead of hanging) and collects the rusage.
  static Child wait(pid_t pid, std::chrono::seconds limit = 300s) {
    Child child;
    child.pid = pid;
    const auto until = std::chrono::steady_clock::now() + limit;
    while (::wait4(pid, &child.status, WNOHANG, &child.usage) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "pid " << pid << " did not end within " << limit.count() << "s";
        ::kill(pid, SIGKILL);
        ::wait4(pid, &child.status, 0, &child.usage);
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    return child;
  }

  // The artifact dir of the first run whose harness has written its pid (it is running).
  std::string wait_for_harness(pid_t canary, std::chrono::seconds limit = 120s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      std::error_code ignored;
      for (const auto& entry : fs::directory_iterator(dir_ / "artifacts", ignored)) {
        if (fs::exists(entry.path() / "harness.pid")) return entry.path().string();
      }
      int status = 0;
      if (::waitpid(canary, &status, WNOHANG) == canary) {
        ADD_FAILURE() << "the canary program ended before its harness started: "
                      << read_text(dir_ / "canary.err") << read_text(dir_ / "canary.out");
        return "";
      }
      std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << "no harness started within " << limit.count() << "s";
    return "";
  }

  static void expect_group_gone(const std::string& artifact_dir) {
    const int pgid = std::stoi(read_text(artifact_dir + "/harness.pid"));
    errno = 0;
    EXPECT_EQ(::kill(-pgid, 0), -1) << "the harness group " << pgid << " outlived the canary";
    EXPECT_EQ(errno, ESRCH);
    ::kill(-pgid, SIGKILL);  // leave nothing behind should the check above have failed
  }

  // Interrupts a canary program while its harness hangs; returns the interrupted run's dir.
  std::string interrupt(const std::vector<std::string>& argv, int signal) {
    write_profile(fake_command("hang"));
    write_canary("first-hangs");
    write_canary("second-never-runs");
    const pid_t pid = start(argv, "canary");
    if (pid == 0) return "";
    const std::string artifact_dir = wait_for_harness(pid);
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, signal);
    const Child child = wait(pid);
    const auto latency =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
    std::cout << "[ measure  ] " << fs::path(argv[0]).filename().string() << " got "
              << strsignal(signal) << " during a hung harness: exited " << latency.count()
              << " ms later\n";
    EXPECT_TRUE(WIFEXITED(child.status)) << "status " << child.status;
    EXPECT_EQ(WEXITSTATUS(child.status), 128 + signal) << read_text(dir_ / "canary.err");
    if (artifact_dir.empty()) return "";
    expect_group_gone(artifact_dir);
    const ParsedRecord parsed = read_record_file(artifact_dir + "/canary-run.json");
    EXPECT_TRUE(parsed.ok()) << parsed.error;
    const std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
    EXPECT_EQ(parsed.record.canary, "first-hangs");
    EXPECT_EQ(parsed.record.outcome, Outcome::tool_error);
    EXPECT_EQ(parsed.record.interrupted, name);
    EXPECT_EQ(parsed.record.exit_code, std::nullopt);
    EXPECT_EQ(parsed.record.signal, "SIGTERM");
    EXPECT_FALSE(parsed.record.timed_out);
    if (!parsed.record.findings.empty()) {
      EXPECT_EQ(parsed.record.findings[0].actual,
                "interrupted by " + name + ": stopped the harness group with SIGTERM; see " +
                    artifact_dir + "/harness.stderr.log");
    }
    // The second canary never started: exactly one run dir.
    std::size_t runs = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / "artifacts")) {
      runs += entry.is_directory() && entry.path().filename() != ".canary";  // the run index
    }
    EXPECT_EQ(runs, 1U);
    return artifact_dir;
  }

  // Peak RSS (KiB) of `canary run` (or its harness, if larger) on a harness printing `bytes`.
  long flood_peak_kib(long long bytes, const std::string& id) {
    write_profile(fake_command("flood", R"(, "--bytes", ")" + std::to_string(bytes) + R"(")"));
    fs::remove_all(dir_ / "canaries");
    fs::remove_all(dir_ / "artifacts");
    fs::create_directories(dir_ / "canaries");
    write_canary(id);
    const Child child = wait(start(canary_run(), "canary"));
    EXPECT_TRUE(WIFEXITED(child.status));
    EXPECT_EQ(WEXITSTATUS(child.status), 0) << read_text(dir_ / "canary.err");
    std::string log;
    for (const auto& entry : fs::directory_iterator(dir_ / "artifacts")) {
      if (entry.path().filename() != ".canary") log = entry.path() / "harness.stdout.log";
    }
    EXPECT_FALSE(log.empty());
    if (!log.empty()) {
      EXPECT_EQ(fs::file_size(log), static_cast<std::uintmax_t>(bytes));
      fs::remove(log);  // a gigabyte is not worth keeping until the TempDir goes
    }
    return child.usage.ru_maxrss;
  }

  std::vector<std::string> canary_run() const {
    return {bin("canary"), "run", "--canaries", dir_ / "canaries", "--artifact-root",
            dir_ / "artifacts"};
  }
  std::vector<std::string> canary_gtest() const {
    return {bin("canary-gtest"), "--canary-dir", dir_ / "canaries", "--canary-profile",
            dir_ / "profile.yaml", "--canary-artifact-root", dir_ / "artifacts"};
  }

  TempDir dir_;
};

TEST_F(CanaryProcess, CanaryRunInterruptedBySigint) {
  interrupt(canary_run(), SIGINT);
  const std::string err = read_text(dir_ / "canary.err");
  EXPECT_THAT(err, HasSubstr("first-hangs: TOOL_ERROR"));
  EXPECT_THAT(err, HasSubstr("canary run: interrupted by SIGINT; 1 of 2 canaries not run"));
  EXPECT_THAT(read_text(dir_ / "canary.out"), HasSubstr("0 passed, 1 failed"));
}

TEST_F(CanaryProcess, CanaryRunInterruptedBySigterm) {
  interrupt(canary_run(), SIGTERM);
  EXPECT_THAT(read_text(dir_ / "canary.err"), HasSubstr("canary run: interrupted by SIGTERM"));
}

TEST_F(CanaryProcess, CanaryGtestInterruptedBySigint) {
  interrupt(canary_gtest(), SIGINT);
  const std::string out = read_text(dir_ / "canary.out");
  EXPECT_THAT(out, HasSubstr("TOOL_ERROR: harness: expected"));
  EXPECT_THAT(out, HasSubstr("interrupted by SIGINT"));
  EXPECT_THAT(out, HasSubstr("not run: canary-gtest was interrupted by SIGINT"));
  EXPECT_THAT(read_text(dir_ / "canary.err"), HasSubstr("canary-gtest: interrupted by SIGINT"));
}

TEST_F(CanaryProcess, CanaryGtestInterruptedBySigterm) {
  interrupt(canary_gtest(), SIGTERM);
  EXPECT_THAT(read_text(dir_ / "canary.err"), HasSubstr("canary-gtest: interrupted by SIGTERM"));
}

TEST_F(CanaryProcess, AGigabyteOfStdoutLeavesCanaryRunsMemoryFlat) {
  // Flat means: a gigabyte costs no more memory than a kilobyte (under ASan the baseline is
  // large, so the bound is on the difference; without it, both are a few MiB).
  const long small = flood_peak_kib(1024, "small");
  const long large = flood_peak_kib(1LL << 30, "large");
  std::cout << "[ measure  ] canary run peak RSS: " << small / 1024 << " MiB with 1 KiB of harness "
            << "stdout, " << large / 1024 << " MiB with 1 GiB\n";
  EXPECT_LT(large - small, 32L * 1024) << "the output went through canary's memory";
#if !defined(__SANITIZE_ADDRESS__)  // ASan's shadow memory alone is above this
  EXPECT_LT(large, 64L * 1024);
#endif
}

TEST_F(CanaryProcess, SecretsAreMaskedInRunAndVerifyOutput) {
  write_profile(fake_command("leak-secret-status"), "secrets: [CANARY_TEST_SECRET]\n");
  write_canary("leaky");
  ::setenv("CANARY_TEST_SECRET", kSecret, 1);
  const Child run = wait(start(canary_run(), "canary"));
  EXPECT_TRUE(WIFEXITED(run.status));
  EXPECT_EQ(WEXITSTATUS(run.status), 3) << "TOOL_ERROR";
  std::string artifact_dir;
  for (const auto& entry : fs::directory_iterator(dir_ / "artifacts")) {
    if (entry.path().filename() != ".canary") artifact_dir = entry.path();  // not the run index
  }
  ASSERT_FALSE(artifact_dir.empty());
  const Child verify =
      wait(start({bin("canary"), "verify", "--canaries", dir_ / "canaries", artifact_dir}, "verify"));
  const Child table = wait(start(
      {bin("canary"), "verify", "--table", "--canaries", dir_ / "canaries", artifact_dir}, "table"));
  const Child json = wait(start(
      {bin("canary"), "verify", "--json", "--canaries", dir_ / "canaries", artifact_dir}, "json"));
  ::unsetenv("CANARY_TEST_SECRET");
  EXPECT_EQ(WEXITSTATUS(verify.status), 3);
  EXPECT_EQ(WEXITSTATUS(table.status), 3);
  EXPECT_EQ(WEXITSTATUS(json.status), 3);
  for (const std::string name : {"canary.out", "canary.err", "verify.out", "verify.err",
                                 "table.out", "table.err", "json.out", "json.err"}) {
    SCOPED_TRACE(name);
    EXPECT_THAT(read_text(dir_ / name), Not(HasSubstr(kSecret)));
  }
  EXPECT_THAT(read_text(dir_ / "canary.out"), HasSubstr("leaked-***"));
  EXPECT_THAT(read_text(dir_ / "verify.out"), HasSubstr("leaked-***"));
  EXPECT_THAT(read_text(dir_ / "json.out"), HasSubstr("leaked-***"));
  EXPECT_THAT(read_text(artifact_dir + "/canary-run.json"), Not(HasSubstr(kSecret)));
  EXPECT_THAT(read_text(artifact_dir + "/harness.stdout.log"), HasSubstr(kSecret));
}

}  // namespace
}  // namespace canary
