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
  ASSERT_EQ(canaries.size(), 8u);
  for (const auto& canary : canaries) {
    SCOPED_TRACE(canary.canary);
    TempDir dir;
    const auto ran = run(run_args(canary.recipe, canary.sha, "same", dir.path() / "run"),
                         dir.path());
    const auto expected = read_results(dir.path() / "run");

    const auto state = dir.path() / "state";
    const auto up = run(up_args(canary.recipe, canary.sha, state, "same"), dir.path());
    // A failed deploy fails `up` (exit 1) exactly when `run` ran no tier; a CI server then
    // halts before the tiers, as this loop does, and still runs `down`.
    const bool deployed = !expected["results"].empty();
    ASSERT_EQ(up.exit_code, deployed ? 0 : 1) << up.out << up.err;
    EXPECT_EQ(expected["deploy"]["status"], deployed ? "pass" : "fail");
    const auto record = nlohmann::json::parse(read_text(state / "supervisor.json").value());
    const std::vector<std::string> tiers =
        deployed ? std::vector<std::string>(std::begin(kTiers), std::end(kTiers))
                 : std::vector<std::string>{};
    for (const std::string& tier : tiers) {
      const auto step = run({harness_path(), "tier", tier, "--state", state}, dir.path());
      const auto part = nlohmann::json::parse(read_text(state / "tiers" / (tier + ".json")).value());
      EXPECT_EQ(step.exit_code, tier_exit(part["status"])) << tier << step.out << step.err;
      EXPECT_THAT(read_text(state / "junit" / (tier + ".xml")).value_or(""),
                  HasSubstr("<testsuite name=\"" + tier + "\""));
    }
    const auto down = run({harness_path(), "down", "--state", state}, dir.path());
    EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
    const auto report =
        run({harness_path(), "report", "--state", state, "--out", dir.path() / "art"}, dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.out << report.err;
    const auto stepwise = read_results(dir.path() / "art");
    EXPECT_EQ(comparable(stepwise), comparable(expected));
    EXPECT_EQ(ran.exit_code, expected["exit_code"]);
    EXPECT_TRUE(fs::exists(dir.path() / "art" / "logs" / (deployed ? "install.log" : "up.log")));
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

// What a CI server that does not halt after a failed `up` gets: every tier skips (exit 3),
// the tiers appear in the report, and `down` still tears the failed deployment down.
TEST(StepwiseTest, TiersAfterAFailedDeploySkipAndAreReported) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto sha = fixture_commit("custom-html-tiny", "regression-undeployable");
  const auto up = run(up_args("custom-html-tiny", sha, state, "nohalt"), dir.path());
  ASSERT_EQ(up.exit_code, 1) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("not deployed"));
  for (const char* tier : kTiers) {
    const auto step = run({harness_path(), "tier", tier, "--state", state}, dir.path());
    EXPECT_EQ(step.exit_code, 3) << tier << step.out << step.err;
  }
  const auto down = run({harness_path(), "down", "--state", state}, dir.path());
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  const auto report =
      run({harness_path(), "report", "--state", state, "--out", dir.path() / "art"}, dir.path());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const auto results = read_results(dir.path() / "art");
  EXPECT_EQ(results["deploy"]["status"], "fail");
  EXPECT_THAT(results["deploy"]["reason"].get<std::string>(), HasSubstr("nginx exited at start"));
  EXPECT_EQ(results["results"]["install"], "skip");
  EXPECT_EQ(results["exit_code"], 1);
  EXPECT_EQ(results["flags"]["clean_teardown"], true);
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
