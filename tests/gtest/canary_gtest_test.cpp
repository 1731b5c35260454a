// canary-gtest as a user's CTest runs it: a real process, real canaries, the example harness.
#include "support/program.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace {
namespace fs = std::filesystem;
using canary::testing::read_text;
using testing::HasSubstr;

const std::string kSource = CANARY_SOURCE_DIR;
const std::string kExample = kSource + "/harness/example/canaries";

class CanaryGtestTest : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "canaries");
    fs::copy(kExample, dir_ / "canaries");
    // A false expectation: the healthy example must not be judged red at backup.
    std::ofstream(dir_ / "canaries/wrongly-red.yaml")
        << "canary: wrongly-red\nrecipe: example-healthy\n"
           "sha: 1111111111111111111111111111111111111111\ntimeout: 30s\n"
           "expect:\n  fails_at: backup\n  tests:\n"
           "    - {tier: backup, name: test_backup_captures_state, status: fail}\n";
    std::ofstream(dir_ / "canaries/broken.yaml") << "canary: broken\nsha: 12\n";
  }

  int run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {
        canary::testing::bin("canary-gtest"), "--canary-dir=" + (dir_ / "canaries").string(),
        "--canary-artifact-root=" + (dir_ / "artifacts").string(),
        "--canary-profile=" + kSource + "/harness/profiles/example.yaml"};
    argv.insert(argv.end(), args.begin(), args.end());
    const canary::testing::ProgramRun result = canary::testing::run_program(argv, dir_);
    out_ = result.out + result.err;
    return result.exit_code;
  }

  const canary::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path();
  std::string out_;
};

TEST_F(CanaryGtestTest, OneStableNamedCasePerYamlFile) {
  ASSERT_EQ(run({"--gtest_list_tests"}), 0) << out_;
  const std::string first = out_;
  ASSERT_EQ(run({"--gtest_list_tests"}), 0) << out_;
  EXPECT_EQ(out_, first) << "test names must not change between runs";
  for (const char* name : {"Run/broken  #", "Run/example_bad_backup  #", "Run/example_healthy  #",
                           "Run/wrongly_red  #"}) {
    EXPECT_THAT(out_, HasSubstr(name));
  }
  EXPECT_THAT(out_, HasSubstr("GetParam() = example-healthy ("));
}

TEST_F(CanaryGtestTest, VerdictsBecomeFailuresAndProperties) {
  const fs::path report = dir_ / "report.json";
  EXPECT_EQ(run({"--gtest_output=json:" + report.string()}), 1) << out_;
  const auto json = nlohmann::json::parse(read_text(report));
  std::map<std::string, nlohmann::json> tests;
  for (const auto& suite : json.at("testsuites")) {
    for (const auto& test : suite.at("testsuite")) tests[test.at("name").get<std::string>()] = test;
  }
  ASSERT_EQ(tests.size(), 4u) << json.dump(2);

  const auto& healthy = tests.at("Run/example_healthy");
  EXPECT_FALSE(healthy.contains("failures")) << healthy.dump(2);
  EXPECT_EQ(healthy.at("outcome"), "PASS");
  EXPECT_THAT(healthy.at("run_id").get<std::string>(), testing::StartsWith("example-healthy-"));
  EXPECT_TRUE(fs::exists(fs::path(healthy.at("artifact_dir").get<std::string>()) / "canary-run.json"));

  // Each finding is its own failure.
  const auto& wrong = tests.at("Run/wrongly_red");
  ASSERT_TRUE(wrong.contains("failures")) << wrong.dump(2);
  EXPECT_EQ(wrong.at("outcome"), "MISMATCH");
  EXPECT_GE(wrong.at("failures").size(), 3u) << wrong.dump(2);
  EXPECT_THAT(wrong.at("failures")[0].at("failure").get<std::string>(),
              HasSubstr("MISMATCH: verdict: expected red"));
  // ...reported at the spec line it checks (fails_at, line 6), where IDEs jump.
  EXPECT_THAT(wrong.at("failures")[0].at("failure").get<std::string>(),
              testing::StartsWith((dir_ / "canaries/wrongly-red.yaml").string() + ":6\n"));

  // A spec that does not load fails, listing its errors in file:line:col form.
  const auto& broken = tests.at("Run/broken");
  ASSERT_TRUE(broken.contains("failures")) << broken.dump(2);
  EXPECT_THAT(broken.at("failures")[0].at("failure").get<std::string>(),
              testing::MatchesRegex(".*broken\\.yaml:[0-9]+:[0-9]+: error: .*"));
}

TEST_F(CanaryGtestTest, AFilterThatMatchesNothingIsNotAPass) {
  EXPECT_EQ(run({"--gtest_filter=Canaries/CanaryTest.Run/no_such_canary"}), 4) << out_;
  EXPECT_THAT(out_, HasSubstr("nothing was judged"));
}

TEST_F(CanaryGtestTest, UnknownOptionIsAUsageError) {
  EXPECT_EQ(run({"--canary-retries=99"}), 2) << out_;
}

}  // namespace
