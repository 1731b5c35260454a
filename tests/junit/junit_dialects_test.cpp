// Real JUnit reports, written at test time by the real tools (pytest in both families,
// ctest --output-junit, GoogleTest, Behave), each judged against the statuses it must yield.
// A missing tool fails the test: its report is then absent.

#include <canary/junit_results.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <map>
#include <string>

namespace canary {
namespace {

namespace fs = std::filesystem;
using ::testing::UnorderedElementsAreArray;

const std::string kData = std::string(CANARY_SOURCE_DIR) + "/tests/junit/data";

class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "canary-junit-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Runs a shell command in `dir`; the exit code is the tool's own business (failing tests exit 1).
void run_in(const std::string& dir, const std::string& command) {
  const std::string line = "cd '" + dir + "' && " + command + " >/dev/null 2>&1";
  (void)std::system(line.c_str());
}

// name (or classname::name for GoogleTest, whose names repeat across suites) -> status word.
std::map<std::string, std::string> statuses(const TierResult& tier) {
  std::map<std::string, std::string> out;
  for (const TestResult& test : tier.tests) {
    std::string word(to_string(test.status));
    for (Status other : test.also_reported) word += "+" + std::string(to_string(other));
    out[test.name] = word;
  }
  return out;
}

TierResult judged(const std::string& dir, const std::string& file) {
  const ParsedResults parsed = read_junit_results(dir, {{"custom", file}});
  EXPECT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_FALSE(parsed.result.reports_flags);
  if (!parsed.ok() || parsed.result.tiers.size() != 1) return {};
  return parsed.result.tiers[0];
}

const std::map<std::string, std::string> kPytest = {
    {"test_pass", "pass"},
    {"test_fail", "fail"},
    {"test_setup_error", "error"},
    {"test_skip", "skip"},
    {"test_xfail", "xfail"},
    {"test_xpass_strict", "xpass"},
    {"test_xpass_lax", "pass"},  // non-strict XPASS: pytest writes a plain pass
    {"test_imperative_xfail", "xfail"},
    {"test_fail_and_teardown", "fail+error"},  // two testcases, one name: the worst, both kept
    {"test_m", "pass"},
};

class PytestFamily : public ::testing::TestWithParam<const char*> {};

TEST_P(PytestFamily, EveryOutcomeFromItsChildren) {
  Scratch scratch;
  fs::copy_file(kData + "/test_dialect.py", scratch.dir() + "/test_dialect.py");
  run_in(scratch.dir(), std::string("/usr/bin/python3 -m pytest -p no:cacheprovider -o junit_family=") +
                            GetParam() + " --junitxml=report.xml test_dialect.py");
  const TierResult tier = judged(scratch.dir(), "report.xml");
  EXPECT_THAT(statuses(tier), UnorderedElementsAreArray(kPytest));
  EXPECT_EQ(tier.status, Status::fail);
}

INSTANTIATE_TEST_SUITE_P(Families, PytestFamily, ::testing::Values("xunit1", "xunit2"));

TEST(PytestFamily, ClassnameQualifiesTheName) {
  Scratch scratch;
  fs::copy_file(kData + "/test_dialect.py", scratch.dir() + "/test_dialect.py");
  run_in(scratch.dir(), "/usr/bin/python3 -m pytest -p no:cacheprovider --junitxml=r.xml test_dialect.py");
  const TierResult tier = judged(scratch.dir(), "r.xml");
  bool found = false;
  for (const TestResult& test : tier.tests) {
    if (test.name == "test_m") {
      found = true;
      EXPECT_EQ(match_name(test, "test_dialect.TestK::test_m"), "test_dialect.TestK::test_m");
      EXPECT_EQ(match_name(test, "test_m"), "test_m");
    }
  }
  EXPECT_TRUE(found);
}

TEST(PytestFamily, XfailOnlyTierPasses) {
  Scratch scratch;
  std::ofstream(scratch.dir() + "/test_x.py")
      << "import pytest\n@pytest.mark.xfail(reason='bug', strict=True)\ndef test_bug(): assert False\n"
         "def test_ok(): pass\n";
  run_in(scratch.dir(), "/usr/bin/python3 -m pytest -p no:cacheprovider --junitxml=r.xml test_x.py");
  const TierResult tier = judged(scratch.dir(), "r.xml");
  EXPECT_EQ(tier.status, Status::pass);
  EXPECT_THAT(statuses(tier), UnorderedElementsAreArray(std::map<std::string, std::string>{
                                  {"test_bug", "xfail"}, {"test_ok", "pass"}}));
}

TEST(CtestDialect, NotRunIsAFailureUnlessARealSkip) {
  Scratch scratch;
  fs::create_directory(scratch.dir() + "/src");
  fs::copy_file(kData + "/ctest-project.cmake", scratch.dir() + "/src/CMakeLists.txt");
  run_in(scratch.dir(), "cmake -S src -B b && ctest --test-dir b --output-junit ../report.xml");
  const TierResult tier = judged(scratch.dir(), "report.xml");
  EXPECT_THAT(statuses(tier), UnorderedElementsAreArray(std::map<std::string, std::string>{
                                  {"passes", "pass"},
                                  {"fails", "fail"},
                                  {"notfound", "fail"},  // "Unable to find executable"
                                  {"disabled", "skip"},
                                  {"skipcode", "skip"},   // SKIP_RETURN_CODE
                                  {"skipregex", "skip"},  // SKIP_REGULAR_EXPRESSION
                                  {"fixdep", "fail"},     // "Fixture dependency failed"
                                  {"fixsetup", "fail"}}));
  EXPECT_EQ(tier.status, Status::fail);
}

TEST(GoogleTestDialect, FailureSkipAndDisabled) {
  Scratch scratch;
  run_in(scratch.dir(), std::string(CANARY_BINARY_DIR) +
                            "/tests/junit_gtest_dialect --gtest_output=xml:report.xml");
  const TierResult tier = judged(scratch.dir(), "report.xml");
  EXPECT_THAT(statuses(tier), UnorderedElementsAreArray(std::map<std::string, std::string>{
                                  {"Passes", "pass"},
                                  {"Fails", "fail"},  // two <failure> children, one test
                                  {"Skips", "skip"},
                                  {"DISABLED_Off", "skip"}}));  // notrun, suppressed, no child
}

TEST(BehaveDialect, UndefinedStepFails) {
  Scratch scratch;
  fs::copy(kData + "/behave", scratch.dir() + "/features", fs::copy_options::recursive);
  run_in(scratch.dir(), "/usr/bin/behave --junit --junit-directory out -f null features");
  const TierResult tier = judged(scratch.dir(), "out/TESTS-dialect.xml");
  EXPECT_THAT(statuses(tier), UnorderedElementsAreArray(std::map<std::string, std::string>{
                                  {"passes", "pass"}, {"fails", "fail"}, {"undefined step", "fail"}}));
}

}  // namespace
}  // namespace canary
