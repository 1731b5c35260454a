#include "canary_case.hpp"
#include "ctest_script.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace canary {
namespace {
namespace fs = std::filesystem;
using testing::ElementsAre;
using testing::HasSubstr;

const std::string kExample = std::string(CANARY_SOURCE_DIR) + "/harness/example/canaries";

class CanaryCaseTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("canary-case-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    workspace_.canary_paths = {dir_.string()};
    workspace_.profile_dir = std::string(CANARY_SOURCE_DIR) + "/harness/profiles";
    workspace_.default_profile = workspace_.profile_dir + "/example.yaml";
    workspace_.artifact_root = (dir_ / "artifacts").string();
    workspace_.bin_dir = CANARY_BIN_DIR;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Copies an example canary under a new id (and optional extra labels line).
  void add(const std::string& file, const std::string& id, const std::string& labels = "") {
    std::ifstream in(kExample + "/example-healthy.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    yaml.replace(yaml.find("example-healthy"), std::string("example-healthy").size(), id);
    if (!labels.empty()) yaml += "labels: " + labels + "\n";
    std::ofstream(dir_ / file) << yaml;
  }

  fs::path dir_;
  Workspace workspace_;
};

TEST_F(CanaryCaseTest, NamesAreSanitizedAndUnique) {
  add("1.yaml", "a-b");
  std::ofstream(dir_ / "a_b.yaml") << "canary: [broken\n";
  std::ofstream(dir_ / "a-b.yml") << "not: a spec\n";
  const auto cases = load_cases(workspace_);
  ASSERT_EQ(cases.size(), 3u);
  std::vector<std::string> keys, params;
  for (const auto& c : cases) {
    keys.push_back(c.key);
    params.push_back(c.param_name);
  }
  EXPECT_THAT(keys, ElementsAre("a-b", "a-b-2", "a_b"));
  EXPECT_THAT(params, ElementsAre("a_b", "a_b_2", "a_b_3"));
  for (const auto& p : params) EXPECT_THAT(p, testing::MatchesRegex("[A-Za-z0-9_]+"));
}

TEST_F(CanaryCaseTest, ABrokenSpecCarriesEveryLabelOfTheSuite) {
  add("good.yaml", "good", "[nightly_only]");
  std::ofstream(dir_ / "zz-broken.yaml") << "canary: broken\nexpect: [\n";
  const auto cases = load_cases(workspace_);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_TRUE(cases[0].spec.has_value());
  EXPECT_THAT(cases[0].labels, ElementsAre("nightly_only"));
  EXPECT_FALSE(cases[1].spec.has_value());
  EXPECT_THAT(cases[1].labels, ElementsAre("canary_fast", "nightly_only"));
  EXPECT_TRUE(has_errors(cases[1].diagnostics));
}

TEST_F(CanaryCaseTest, AMissingPathIsAFailingSuiteCase) {
  workspace_.canary_paths = {(dir_ / "nope").string()};
  const auto cases = load_cases(workspace_);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].key, "suite");
  EXPECT_FALSE(cases[0].spec.has_value());
  ASSERT_FALSE(cases[0].diagnostics.empty());
  EXPECT_THAT(format(cases[0].diagnostics[0]), HasSubstr("nope"));
}

TEST_F(CanaryCaseTest, PrintToIsStableAndPointerFree) {
  add("x.yaml", "x");
  const auto cases = load_cases(workspace_);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(testing::PrintToString(cases[0]), "x (" + (dir_ / "x.yaml").string() + ")");
}

TEST_F(CanaryCaseTest, CtestScriptHasLabelsTimeoutAndCapacity) {
  add("fast.yaml", "fast", "[canary_fast]");
  GtestOptions options;
  options.workspace = workspace_;
  options.ctest_labels = {"extra"};
  const std::string script = ctest_script(load_cases(workspace_), options, "/bin/canary-gtest");
  EXPECT_THAT(script, HasSubstr("add_test([=[canary.fast]=] [=[/bin/canary-gtest]=] "
                                "[=[--gtest_filter=Canaries/CanaryTest.Run/fast]=]"));
  EXPECT_THAT(script, HasSubstr("LABELS [=[canary;canary_fast;extra]=]"));
  // example.yaml: timeout 30s, grace 2s, 1 retry -> 2 * 32 s + 2 s backoff + 30 s margin.
  EXPECT_THAT(script, HasSubstr("TIMEOUT 96 "));
  EXPECT_THAT(script, HasSubstr("RESOURCE_GROUPS canary_slots:1"));
}

}  // namespace
}  // namespace canary
