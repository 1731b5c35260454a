// The JUnit reader's file handling (absent, directory, oversized) and the profile-free rules.

#include <canary/junit_results.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace canary {
namespace {

namespace fs = std::filesystem;

class JunitFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "canary-junit-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((fs::path(dir_) / name).parent_path());
    std::ofstream(fs::path(dir_) / name, std::ios::binary) << text;
  }
  std::string dir_;
};

TEST_F(JunitFiles, AbsentTierIsNotReportedAndTiersComeInLifecycleOrder) {
  write("junit/custom.xml", "<testsuite><testcase name='t'/></testsuite>");
  write("junit/install.xml", "<testsuite><testcase name='i'><failure/></testcase></testsuite>");
  const ParsedResults parsed = read_junit_results(
      dir_, {{"custom", "junit/custom.xml"}, {"upgrade", "junit/upgrade.xml"},
             {"install", "junit/install.xml"}});
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_EQ(parsed.result.tiers.size(), 2u);
  EXPECT_EQ(parsed.result.tiers[0].name, "install");
  EXPECT_EQ(parsed.result.tiers[0].status, Status::fail);
  EXPECT_EQ(parsed.result.tiers[1].name, "custom");
  EXPECT_EQ(parsed.result.tiers[1].status, Status::pass);
  EXPECT_EQ(parsed.result.find_tier("upgrade"), nullptr);
}

TEST_F(JunitFiles, NoFileAtAllIsAnError) {
  const ParsedResults parsed = read_junit_results(dir_, {{"install", "junit/install.xml"}});
  EXPECT_EQ(parsed.error, dir_ + ": no JUnit report: none of junit/install.xml exists");
}

TEST_F(JunitFiles, DirectoryAndOversizedAreErrors) {
  fs::create_directories(fs::path(dir_) / "junit/install.xml");
  EXPECT_EQ(read_junit_results(dir_, {{"install", "junit/install.xml"}}).error,
            dir_ + "/junit/install.xml: is a directory, not a file");
  write("big.xml", "");
  fs::resize_file(fs::path(dir_) / "big.xml", kMaxResultsFileBytes + 1);  // sparse: no disk used
  EXPECT_EQ(read_junit_results(dir_, {{"install", "big.xml"}}).error,
            dir_ + "/big.xml: too large: " + std::to_string(kMaxResultsFileBytes + 1) +
                " bytes (the limit is " + std::to_string(kMaxResultsFileBytes) + " bytes)");
}

TEST(JunitLines, MalformedXmlNamesTheLine) {
  const ParsedJunitTier parsed =
      parse_junit("<testsuite>\n<testcase name='a'>\n<oops>\n</testsuite>\n", "r.xml", "install");
  EXPECT_EQ(parsed.error.substr(0, 8), "r.xml:4:") << parsed.error;
}

}  // namespace
}  // namespace canary
