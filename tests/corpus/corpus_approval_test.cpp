// The bad-input corpus, as approval tests: every malformed spec in tests/corpus/specs goes
// through `canary lint`, every malformed results.json in tests/corpus/results/<case>/ through
// `canary verify`, and the real binary's exit code, stdout and stderr (paths scrubbed) must
// equal <case>.out beside the input. A malformed input must fail as a configuration error (lint:
// exit 2) or a tool error (verify: exit 3), never pass. CANARY_UPDATE_GOLDEN=1 rewrites the
// .out files after an intended change (tests/support/approval.hpp); review every diff.
#include "support/approval.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace {
namespace fs = std::filesystem;

const std::string kSource = CANARY_SOURCE_DIR;
const fs::path kCorpus = fs::path(kSource) / "tests/corpus";

constexpr int kConfigurationError = 2;  // canary lint: a spec has errors
constexpr int kToolError = 3;           // canary verify: the results are unreadable
constexpr int kCanaryFailed = 1;        // canary verify: the report is not this run's

// Each case: the input (a spec file or a dir holding results.json) and its golden beside it.
struct Case {
  fs::path input;
  fs::path golden;
};

// Stable names in test listings (without it gtest prints the struct's bytes, pointers included).
void PrintTo(const Case& c, std::ostream* os) { *os << c.input.filename().string(); }

std::vector<Case> cases(const std::string& kind) {
  std::vector<Case> out;
  for (const auto& entry : fs::directory_iterator(kCorpus / kind)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".out") continue;
    fs::path golden = path;
    golden.replace_extension(".out");
    out.push_back({path, golden});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.input < b.input; });
  return out;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.input.stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return "c" + name;
}

class CorpusTest : public testing::TestWithParam<Case> {
 protected:
  // Runs canary with `args` and compares the scrubbed transcript with the case's golden file.
  // Timestamps stay: the corpus's are fixed inputs, and the freshness rule's message names them.
  void approve(const std::vector<std::string>& args, int expected_exit) {
    canary::testing::Scrubber scrub =
        canary::testing::scrubber_for({{tmp_.path(), "<copy>"}, {kCorpus.string(), "<corpus>"}});
    scrub.timestamps = false;
    canary::testing::approve_cli(args, expected_exit, GetParam().golden.string(), tmp_.path(), scrub);
  }

  const canary::testing::TempDir tmp_{"canary-corpus-" + std::to_string(::getpid()) + "-" +
                                      case_name({GetParam(), 0})};
};

class SpecCorpusTest : public CorpusTest {};
class ResultsCorpusTest : public CorpusTest {};

TEST_P(SpecCorpusTest, LintNamesTheCause) {
  approve({"lint", GetParam().input.string()}, kConfigurationError);
}

TEST_P(ResultsCorpusTest, VerifyIsAToolErrorNamingTheCause) {
  approve({"verify", "--canaries=" + (kCorpus / "canaries").string(), "--canary", "corpus-healthy",
           GetParam().input.string()},
          kToolError);
}

// Reports that are not this run's (identity, freshness, consistency, Canary's own strays): each
// a MISMATCH naming its rule. The case is copied with results.json dated 2026-01-01T00:00:00Z, so
// freshness is judged against a fixed time.
class TrustCorpusTest : public CorpusTest {};

TEST_P(TrustCorpusTest, VerifyIsAMismatchNamingTheRule) {
  const fs::path copy = tmp_ / GetParam().input.filename().string();
  fs::copy(GetParam().input, copy, fs::copy_options::recursive);
  const struct timespec fixed[2] = {{1767225600, 0}, {1767225600, 0}};  // 2026-01-01T00:00:00Z
  ASSERT_EQ(::utimensat(AT_FDCWD, (copy / "results.json").c_str(), fixed, 0), 0);
  approve({"verify", "--canaries=" + (kCorpus / "canaries").string(), "--canary", "corpus-healthy",
           copy.string()},
          kCanaryFailed);
}

INSTANTIATE_TEST_SUITE_P(Corpus, SpecCorpusTest, testing::ValuesIn(cases("specs")), case_name);
INSTANTIATE_TEST_SUITE_P(Corpus, ResultsCorpusTest, testing::ValuesIn(cases("results")), case_name);
INSTANTIATE_TEST_SUITE_P(Corpus, TrustCorpusTest, testing::ValuesIn(cases("trust")), case_name);

// The corpus is the size the issue asks for, so a lost directory cannot pass as an empty suite.
TEST(CorpusSize, AtLeastFortySpecsAndTwentyResults) {
  EXPECT_GE(cases("specs").size(), 40u);
  EXPECT_GE(cases("results").size(), 20u);
}

}  // namespace
