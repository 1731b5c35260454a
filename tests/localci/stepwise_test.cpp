// The stepwise lifecycle (up, tier, down, report) must give what `run` gives, tier for tier and
// test for test, and leave nothing running whatever state `up` got to.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <csignal>
#include <filesystem>
#include <thread>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const char* const kTiers[] = {"install", "upgrade", "backup", "restore", "custom"};

struct Bundled {
  std::string canary, recipe, sha;
};

std::vector<Bundled> bundled_canaries() {
  std::vector<Bundled> list;
  for (const auto& entry : fs::directory_iterator(fs::path(CANARY_SOURCE_DIR) / "canaries")) {
    const auto yaml = YAML::LoadFile(entry.path().string());
    list.push_back({yaml["canary"].as<std::string>(), yaml["recipe"].as<std::string>(),
                    yaml["sha"].as<std::string>()});
  }
  return list;
}

std::vector<std::string> up_args(const std::string& recipe, const std::string& sha,
                                 const fs::path& state, const std::string& run_id) {
  return {harness_path(), "up",      "--recipe", recipe, "--sha",
          sha,            "--state", state,      "--run-id", run_id};
}

// What both forms must agree on: each tier's status and its tests' names and statuses.
nlohmann::json comparable(const nlohmann::json& results) {
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& stage : results["stages"]) {
    nlohmann::json tests = nlohmann::json::array();
    for (const auto& test : stage["tests"]) tests.push_back({test["name"], test["status"]});
    stages.push_back({stage["name"], stage["status"], tests});
  }
  return {{"results", results["results"]}, {"stages", stages}, {"flags", results["flags"]},
          {"exit_code", results["exit_code"]}, {"recipe", results["recipe"]},
          {"ref", results["ref"]}, {"run_id", results["run_id"]}};
}

int tier_exit(const std::string& status) {
  if (status == "pass") return 0;
  if (status == "fail") return 1;
  return status == "skip" ? 3 : 4;
}

TEST(StepwiseTest, EveryBundledCanaryGivesWhatRunGives) {
  const auto canaries = bundled_canaries();
  ASSERT_EQ(canaries.size(), 7u);
  for (const auto& canary : canaries) {
    SCOPED_TRACE(canary.canary);
    TempDir dir;
    const auto ran = run(run_args(canary.recipe, canary.sha, "same", dir.path() / "run"),
                         dir.path());
    const auto expected = read_results(dir.path() / "run");

    const auto state = dir.path() / "state";
    const auto up = run(up_args(canary.recipe, canary.sha, state, "same"), dir.path());
    ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
    const auto record = nlohmann::json::parse(read_text(state / "supervisor.json").value());
    for (const char* tier : kTiers) {
      const auto step = run({harness_path(), "tier", tier, "--state", state}, dir.path());
      const auto part = nlohmann::json::parse(read_text(state / "tiers" / (std::string(tier) + ".json")).value());
      EXPECT_EQ(step.exit_code, tier_exit(part["status"])) << tier << step.out << step.err;
      EXPECT_THAT(read_text(state / "junit" / (std::string(tier) + ".xml")).value_or(""),
                  HasSubstr("<testsuite name=\"" + std::string(tier) + "\""));
    }
    const auto down = run({harness_path(), "down", "--state", state}, dir.path());
    EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
    const auto report =
        run({harness_path(), "report", "--state", state, "--out", dir.path() / "art"}, dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.out << report.err;
    const auto stepwise = read_results(dir.path() / "art");
    EXPECT_EQ(comparable(stepwise), comparable(expected));
    EXPECT_EQ(ran.exit_code, expected["exit_code"]);
    EXPECT_TRUE(fs::exists(dir.path() / "art" / "logs" / "install.log"));
    EXPECT_THAT(processes_naming(record["run_dir"].get<std::string>()), IsEmpty());
    EXPECT_THAT(processes_naming(state.string()), IsEmpty());
    EXPECT_FALSE(fs::exists(record["run_dir"].get<std::string>()));
  }
}

TEST(StepwiseTest, DownAfterAFailedUpHasNothingToStop) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto up = run(up_args("custom-html-tiny", std::string(40, 'a'), state, "bad"), dir.path());
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_THAT(up.err, HasSubstr("unknown SHA"));
  const auto tier = run({harness_path(), "tier", "install", "--state", state}, dir.path());
  EXPECT_EQ(tier.exit_code, 4);
  EXPECT_THAT(tier.err, HasSubstr("nothing is up"));
  const auto down = run({harness_path(), "down", "--state", state}, dir.path());
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(down.out, HasSubstr("nothing is up"));
  const auto report =
      run({harness_path(), "report", "--state", state, "--out", dir.path() / "art"}, dir.path());
  EXPECT_EQ(report.exit_code, 2);
}

TEST(StepwiseTest, DownAfterTheSupervisorDiedKillsWhatIsLeftAndSaysNotClean) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto sha = fixture_commit("custom-html-tiny", "v1.1.0");
  const auto up = run(up_args("custom-html-tiny", sha, state, "killed"), dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const auto record = nlohmann::json::parse(read_text(state / "supervisor.json").value());
  const std::string run_dir = record["run_dir"];
  ASSERT_FALSE(processes_naming(run_dir).empty());  // nginx of the deployment
  ::kill(record["pid"].get<int>(), SIGKILL);
  const auto down = run({harness_path(), "down", "--state", state}, dir.path());
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_THAT(down.err, HasSubstr("killed what was left"));
  EXPECT_THAT(processes_naming(run_dir), IsEmpty());
  EXPECT_FALSE(fs::exists(run_dir));
  const auto flags = nlohmann::json::parse(read_text(state / "flags.json").value());
  EXPECT_EQ(flags["clean_teardown"], false);
}

TEST(StepwiseTest, TheSupervisorTearsDownByItselfWhenNobodyCallsDown) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto sha = fixture_commit("custom-html-tiny", "v1.1.0");
  auto args = up_args("custom-html-tiny", sha, state, "idle");
  args.insert(args.end(), {"--idle-timeout", "1"});
  const auto up = run(args, dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(wait_for_text(state / "flags.json", "clean_teardown"));
  const auto flags = nlohmann::json::parse(read_text(state / "flags.json").value());
  EXPECT_EQ(flags["clean_teardown"], true);
  EXPECT_THAT(read_text(state / "out" / "logs" / "harness.log").value_or(""),
              HasSubstr("and no `down`: tearing down"));
}

}  // namespace
}  // namespace canary::localci_test
