// The JUnit approval corpus: each tests/junit/corpus/NN-what.xml is read as tier `custom` and its
// outcome (the error, or the tier and test statuses) must equal NN-what.out. CANARY_UPDATE_GOLDEN=1
// rewrites the .out files for review.

#include <canary/junit_results.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace canary {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(CANARY_SOURCE_DIR) / "tests/junit/corpus";

std::string outcome_of(const std::string& file) {
  const ParsedResults parsed = read_junit_results(kCorpus.string(), {{"custom", file}});
  std::string out;
  if (!parsed.ok()) {
    out = "error: " + parsed.error + "\n";
    const std::string dir = kCorpus.string();
    for (std::size_t at; (at = out.find(dir)) != std::string::npos;) out.replace(at, dir.size(), "<corpus>");
    return out;
  }
  for (const TierResult& tier : parsed.result.tiers) {
    out += "tier " + tier.name + ": " + std::string(to_string(tier.status));
    if (!tier.skip_reason.empty()) out += " (" + tier.skip_reason + ")";
    out += "\n";
    for (const TestResult& test : tier.tests) {
      out += "  '" + test.name + "': " + std::string(to_string(test.status));
      for (Status other : test.also_reported) out += ", also " + std::string(to_string(other));
      out += "\n";
    }
  }
  return out;
}

std::vector<std::string> corpus_files() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".xml") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class JunitCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(JunitCorpus, MatchesItsApprovedOutcome) {
  const std::string actual = outcome_of(GetParam());
  const fs::path golden = kCorpus / (fs::path(GetParam()).stem().string() + ".out");
  if (std::getenv("CANARY_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  std::ifstream file(golden, std::ios::binary);
  ASSERT_TRUE(file) << golden << " is missing: run with CANARY_UPDATE_GOLDEN=1 and review it";
  std::ostringstream expected;
  expected << file.rdbuf();
  EXPECT_EQ(actual, expected.str());
}

TEST(JunitCorpusSize, HoldsAtLeastFifteenCases) { EXPECT_GE(corpus_files().size(), 15u); }

INSTANTIATE_TEST_SUITE_P(Files, JunitCorpus, ::testing::ValuesIn(corpus_files()),
                         [](const auto& param_info) {
                           std::string name = fs::path(param_info.param).stem().string();
                           for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace canary
