#pragma once
// A fixture for run_canary against the fake harness, with real profile files, and two specs.

#include <canary/run_record.hpp>
#include <canary/runner.hpp>

#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {

using namespace std::chrono_literals;

inline constexpr const char* kSha = "0123456789abcdef0123456789abcdef01234567";

inline CanarySpec base_spec(const std::string& id) {
  CanarySpec spec;
  spec.id = id;
  spec.recipe = "fake-recipe";
  spec.ref = "main";
  spec.sha = kSha;
  spec.timeout = 20s;  // only the hang test waits for a timeout; it sets its own
  spec.path = "canaries/" + id + ".yaml";
  spec.hash = "feedface";
  spec.expect.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  return spec;
}

inline CanarySpec green_spec() {
  CanarySpec spec = base_spec("healthy");
  spec.expect.verdict = Color::green;
  spec.expect.exit_code = 0;
  spec.expect.tests = {{"install", "test_serving", Status::pass}};
  return spec;
}

inline CanarySpec red_spec() {
  CanarySpec spec = base_spec("bad-backup");
  spec.expect.verdict = Color::red;
  spec.expect.fails_at = "backup";
  spec.expect.tests = {{"backup", "test_backup_captures_state", Status::fail}};
  return spec;
}

class RunCanary : public ::testing::Test {
 protected:
  RunCanary() {
    options_.artifact_root = root_ / "artifacts";
    options_.bin_dir = CANARY_BIN_DIR;
    options_.retry_backoff = 10ms;
    options_.progress = [this](const std::string& line) { progress_.push_back(line); };
  }

  // A real profile file, loaded the way the CLI loads one.
  HarnessProfile profile(const std::string& command, const std::string& extra = "") {
    const std::string path = root_ / "profile.yaml";
    canary::testing::write_text(path, canary::testing::fake_profile(command, extra));
    const ProfileFile file = load_profile_file(path);
    EXPECT_TRUE(file.ok()) << (file.diagnostics.empty() ? "" : format(file.diagnostics[0]));
    return file.profile.value_or(HarnessProfile{});
  }
  HarnessProfile fake(const std::string& mode, const std::string& extra = "") {
    return profile(canary::testing::fake_command(mode), extra);
  }

  static std::string tool_error(const CanaryRun& run) {
    EXPECT_EQ(run.verdict.outcome, Outcome::tool_error);
    EXPECT_THAT(run.verdict.findings, ::testing::SizeIs(1));
    return run.verdict.findings.empty() ? "" : run.verdict.findings.front().actual;
  }

  // The record on disk says what the in-memory one says.
  static void expect_record_on_disk(const RunRecord& record) {
    const ParsedRecord parsed = read_record_file(record.artifact_dir + "/" + kRunRecordFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error;
    EXPECT_EQ(to_json(parsed.record), to_json(record));
  }

  canary::testing::TempDir root_;
  RunnerOptions options_;
  std::vector<std::string> progress_;
};

}  // namespace canary
