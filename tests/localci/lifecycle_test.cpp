// Each tier's pass and fail paths, through real runs of canary-localci on the fixture recipes.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;

using TierStatuses = std::map<std::string, std::string>;
using NamedTest = std::tuple<std::string, std::string, std::string>;  // tier, test, status

struct LifecycleCase {
  const char* label;
  const char* recipe;
  const char* ref;
  int exit_code;
  TierStatuses tiers;
  std::vector<NamedTest> tests;
};

// Names the case in gtest output instead of dumping its bytes.
void PrintTo(const LifecycleCase& value, std::ostream* out) { *out << value.label; }

const TierStatuses kAllPass = {{"install", "pass"},
                               {"upgrade", "pass"},
                               {"backup", "pass"},
                               {"restore", "pass"},
                               {"custom", "pass"}};

TierStatuses failing_at(const std::string& tier) {
  TierStatuses statuses;
  bool after = false;
  for (const char* name : {"install", "upgrade", "backup", "restore", "custom"}) {
    statuses[name] = after ? "skip" : (name == tier ? "fail" : "pass");
    after = after || name == tier;
  }
  return statuses;
}

std::string status_of(const nlohmann::json& results, const std::string& tier,
                      const std::string& test) {
  for (const auto& stage : results["stages"])
    if (stage["name"] == tier)
      for (const auto& entry : stage["tests"])
        if (entry["name"] == test) return entry["status"];
  return "absent";
}

class LifecycleTest : public ::testing::TestWithParam<LifecycleCase> {};

TEST_P(LifecycleTest, ReportsEachTierAndTearsDownClean) {
  const auto& param = GetParam();
  TempDir dir;
  const auto sha = fixture_commit(param.recipe, param.ref);
  ASSERT_EQ(sha.size(), 40u) << "no fixture " << param.recipe << " " << param.ref;
  const auto out = dir.path() / "artifacts";
  const auto finished = run(run_args(param.recipe, sha, param.label, out), dir.path());

  EXPECT_EQ(finished.exit_code, param.exit_code) << finished.out << finished.err;
  auto results = read_results(out);
  ASSERT_TRUE(results.is_object()) << "no results.json: " << finished.err;
  EXPECT_EQ(results["schema"], 2);
  EXPECT_EQ(results["recipe"], param.recipe);
  EXPECT_EQ(results["ref"], sha);
  EXPECT_EQ(results["run_id"], param.label);
  EXPECT_EQ(results["exit_code"], finished.exit_code);
  EXPECT_EQ(results["results"].get<TierStatuses>(), param.tiers);
  std::vector<std::string> order;
  for (const auto& stage : results["stages"]) {
    order.push_back(stage["name"]);
    EXPECT_EQ(stage["status"], results["results"][stage["name"].get<std::string>()]);
    EXPECT_TRUE(fs::exists(out / stage["log"].get<std::string>())) << stage["log"];
    for (const auto& test : stage["tests"]) EXPECT_GE(test["ms"].get<long>(), 0);
  }
  EXPECT_THAT(order, ::testing::ElementsAre("install", "upgrade", "backup", "restore", "custom"));
  for (const auto& [tier, test, status] : param.tests)
    EXPECT_EQ(status_of(results, tier, test), status) << tier << "/" << test;

  EXPECT_EQ(results["flags"]["clean_teardown"], true) << results["localci"]["leftovers"];
  EXPECT_EQ(results["flags"]["no_secret_leak"], true) << results["localci"]["secret_leaks"];
  const std::string run_dir = results["localci"]["run_dir"];
  EXPECT_FALSE(fs::exists(run_dir)) << run_dir;
  EXPECT_THAT(processes_naming(run_dir), ::testing::IsEmpty());
  for (const auto& [service, port] : results["localci"]["ports"].items())
    EXPECT_FALSE(port_listening(port.get<int>())) << service << " still listens on " << port;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LifecycleTest,
    ::testing::Values(LifecycleCase{"tiny_healthy",
                                    "custom-html-tiny",
                                    "v1.1.0",
                                    0,
                                    kAllPass,
                                    {{"install", "test_serving", "pass"},
                                     {"upgrade", "test_upgrade_reconverges", "pass"},
                                     {"upgrade", "test_upgrade_data_survives", "pass"},
                                     {"backup", "test_backup_artifact", "pass"},
                                     {"backup", "test_backup_captures_state", "pass"},
                                     {"restore", "test_restore_returns_state", "pass"},
                                     {"custom", "test_admin_requires_token", "pass"}}},
                      LifecycleCase{"tiny_bad_install",
                                    "custom-html-tiny",
                                    "regression-bad-install",
                                    1,
                                    failing_at("install"),
                                    {{"install", "test_serving", "fail"},
                                     {"upgrade", "test_upgrade_reconverges", "absent"}}},
                      LifecycleCase{"tiny_bad_upgrade",
                                    "custom-html-tiny",
                                    "regression-bad-upgrade",
                                    1,
                                    failing_at("upgrade"),
                                    {{"install", "test_serving", "pass"},
                                     {"upgrade", "test_upgrade_reconverges", "pass"},
                                     {"upgrade", "test_upgrade_data_survives", "fail"}}},
                      LifecycleCase{"tiny_bad_backup",
                                    "custom-html-tiny",
                                    "regression-bad-backup",
                                    1,
                                    failing_at("backup"),
                                    {{"backup", "test_backup_artifact", "pass"},
                                     {"backup", "test_backup_captures_state", "fail"}}},
                      LifecycleCase{"tiny_bad_restore",
                                    "custom-html-tiny",
                                    "regression-bad-restore",
                                    1,
                                    failing_at("restore"),
                                    {{"backup", "test_backup_captures_state", "pass"},
                                     {"restore", "test_restore_returns_state", "fail"}}},
                      LifecycleCase{"html_healthy",
                                    "custom-html",
                                    "v1.1.0",
                                    0,
                                    {{"install", "pass"},
                                     {"upgrade", "pass"},
                                     {"backup", "skip"},
                                     {"restore", "skip"},
                                     {"custom", "pass"}},
                                    {{"upgrade", "test_upgrade_data_survives", "skip"},
                                     {"custom", "test_content_type_html_and_txt", "pass"},
                                     {"custom", "test_missing_page_is_404", "pass"}}},
                      LifecycleCase{"html_stale_mime",
                                    "custom-html",
                                    "regression-stale-mime",
                                    1,
                                    {{"install", "pass"},
                                     {"upgrade", "pass"},
                                     {"backup", "skip"},
                                     {"restore", "skip"},
                                     {"custom", "fail"}},
                                    {{"install", "test_serving", "pass"},
                                     {"custom", "test_content_type_html_and_txt", "fail"},
                                     {"custom", "test_missing_page_is_404", "pass"}}},
                      LifecycleCase{"guestbook_healthy",
                                    "guestbook",
                                    "v1.1.0",
                                    0,
                                    kAllPass,
                                    {{"install", "test_serving", "pass"},
                                     {"upgrade", "test_upgrade_reconverges", "pass"},
                                     {"upgrade", "test_upgrade_data_survives", "pass"},
                                     {"backup", "test_backup_captures_state", "pass"},
                                     {"restore", "test_restore_returns_state", "pass"},
                                     {"custom", "test_entries_have_timestamps", "pass"}}}),
    [](const auto& generated) { return std::string(generated.param.label); });

TEST(LifecycleLogsTest, FailuresNameTheirCauseInTheTierLog) {
  TempDir dir;
  const auto out = dir.path() / "artifacts";
  const auto sha = fixture_commit("custom-html", "regression-stale-mime");
  run(run_args("custom-html", sha, "stale-mime-log", out), dir.path());
  const auto log = read_text(out / "logs" / "custom.log").value_or("");
  EXPECT_THAT(log, ::testing::HasSubstr(
                       "Content-Type is 'application/octet-stream', expected 'text/plain*'"));
  auto results = read_results(out);
  EXPECT_THAT(results["stages"][4]["tests"][0]["reason"].get<std::string>(),
              ::testing::HasSubstr("GET /notes.txt"));
  EXPECT_TRUE(fs::exists(out / "logs" / "services" / "web-access.log"));
}

}  // namespace
}  // namespace canary::localci_test
