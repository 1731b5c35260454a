// Every input in tests/fuzz/regressions/{spec,results} (each once made a fuzzer crash, hang or
// overflow the stack, or probes a limit that guards against it) goes through the same entry
// point as its fuzzer, in the ordinary build: it must end in a clean error, never a crash,
// a hang or a loaded spec, and the error must hold the text of <input>.expect beside it.
#include <canary/results_parser.hpp>
#include <canary/spec_loader.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(CANARY_SOURCE_DIR) / "tests/fuzz/regressions";

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Regression {
  fs::path input;
  std::string expected;  // a fragment of the error message
};

std::vector<Regression> regressions(const std::string& what) {
  std::vector<Regression> out;
  for (const auto& entry : fs::directory_iterator(kRegressions / what)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".expect") continue;
    const fs::path expect = path.string() + ".expect";
    std::string expected = fs::exists(expect) ? read_bytes(expect) : "";
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
      expected.pop_back();
    out.push_back({path, expected});
  }
  std::sort(out.begin(), out.end(),
            [](const Regression& a, const Regression& b) { return a.input < b.input; });
  return out;
}

TEST(FuzzRegressions, EverySpecInputIsACleanErrorNamingTheCause) {
  const auto cases = regressions("spec");
  ASSERT_FALSE(cases.empty()) << "no regression inputs under " << kRegressions / "spec";
  for (const Regression& regression : cases) {
    const std::string path = regression.input.string();
    SCOPED_TRACE(path);
    ASSERT_FALSE(regression.expected.empty()) << path << ".expect is missing or empty";
    const canary::SpecFile file = canary::load_spec(path, read_bytes(regression.input));
    EXPECT_FALSE(file.spec.has_value());
    ASSERT_TRUE(canary::has_errors(file.diagnostics));
    std::string messages;
    for (const canary::Diagnostic& diagnostic : file.diagnostics) {
      EXPECT_EQ(diagnostic.path, path);
      messages += canary::format(diagnostic) + "\n";
    }
    EXPECT_NE(messages.find(regression.expected), std::string::npos) << messages;
  }
}

TEST(FuzzRegressions, EveryResultsInputIsACleanErrorNamingTheCause) {
  const auto cases = regressions("results");
  ASSERT_FALSE(cases.empty()) << "no regression inputs under " << kRegressions / "results";
  for (const Regression& regression : cases) {
    const std::string path = regression.input.string();
    SCOPED_TRACE(path);
    ASSERT_FALSE(regression.expected.empty()) << path << ".expect is missing or empty";
    const canary::ParsedResults parsed = canary::parse_results(read_bytes(regression.input), path);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error.rfind(path + ": ", 0), 0u) << parsed.error;
    EXPECT_NE(parsed.error.find(regression.expected), std::string::npos) << parsed.error;
  }
}

}  // namespace
