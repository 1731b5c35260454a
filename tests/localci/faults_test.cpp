// --fault: deliberate harness bugs must show up in what the harness reports.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary::localci_test {
namespace {
using ::testing::HasSubstr;

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
              HasSubstr("unknown --fault 'typo' (known: ignore-custom-failures, leak-secret)"));
}

}  // namespace
}  // namespace canary::localci_test
