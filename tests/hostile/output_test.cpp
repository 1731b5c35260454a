// A harness whose names carry terminal escapes, forged lines, workflow commands and live Markdown
// (harnesses/output_forge_lines.sh): every program and format Canary prints stays one line per
// name, free of raw control bytes, with no line a CI server would run, and the outcome stays
// MISMATCH.
#include "output_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <regex>

namespace hostile {
namespace {

constexpr int kCanaryFailed = 1;

class OutputForgeTest : public Scratch {
 protected:
  void SetUp() override {
    Scratch::SetUp();
    profile_ = profile("output_forge_lines.sh");
    spec();
    const Output first = canary({"run", "--canaries", "canaries", "-p", profile_});
    ASSERT_EQ(first.exit_code, kCanaryFailed) << first.all();
    run_ = run_dir();
  }

  void expect_mismatch(const Output& output, const std::string& where,
                       bool annotations = false) {
    EXPECT_EQ(output.exit_code, kCanaryFailed) << where << "\n" << output.all();
    EXPECT_EQ(output.all().find("PASS"), std::string::npos) << where << "\n" << output.all();
    expect_printable(output.out, where + " stdout", annotations);
    expect_printable(output.err, where + " stderr", annotations);
  }

  std::string profile_;
  fs::path run_;
};

TEST_F(OutputForgeTest, RunPrintsNamesEscaped) {
  const Output run = canary({"run", "--canaries", "canaries", "-p", profile_});
  expect_mismatch(run, "canary run");
  EXPECT_NE(run.out.find("\\x1b[2J"), std::string::npos) << "the escape is shown, not obeyed:\n"
                                                        << run.out;
  EXPECT_NE(run.out.find("0 passed, 1 failed"), std::string::npos) << run.out;
}

TEST_F(OutputForgeTest, RunAnnotationsCannotEndTheirCommand) {
  const Output run =
      canary({"run", "--canaries", "canaries", "-p", profile_, "--annotate", "github"});
  expect_mismatch(run, "canary run --annotate github", /*annotations=*/true);
  EXPECT_NE(run.out.find("::error file="), std::string::npos) << run.out;
}

TEST_F(OutputForgeTest, RunJsonLinesStayValidJson) {
  const Output run = canary({"run", "--canaries", "canaries", "-p", profile_, "--json"});
  expect_mismatch(run, "canary run --json");
  std::istringstream lines(run.out);
  int objects = 0;
  for (std::string line; std::getline(lines, line); ++objects) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  EXPECT_EQ(objects, 2) << run.out;
}

TEST_F(OutputForgeTest, VerifyTextTableJsonAndAnnotations) {
  const std::string dir = run_.string();
  expect_mismatch(canary({"verify", "--canaries", "canaries", dir}), "canary verify");
  expect_mismatch(canary({"verify", "--table", "--canaries", "canaries", dir}),
                  "canary verify --table");
  // The CTest summary test canary-gtest --canary-emit-ctest writes runs exactly this.
  expect_mismatch(canary({"verify", "--latest", "--table", "--canaries", "canaries",
                          artifacts().string()}),
                  "canary verify --latest --table");
  expect_mismatch(canary({"verify", "--canaries", "canaries", "--annotate", "github", dir}),
                  "canary verify --annotate github", /*annotations=*/true);
  const Output json = canary({"verify", "--json", "--canaries", "canaries", dir});
  expect_mismatch(json, "canary verify --json");
  EXPECT_TRUE(nlohmann::json::accept(json.out)) << json.out;
}

// Markdown with every code span taken out: what a renderer would interpret.
std::string outside_code_spans(const std::string& markdown) {
  static const std::regex span("(`+)[^`]+?\\1|(`+) .*? \\2");
  return std::regex_replace(markdown, span, "");
}

TEST_F(OutputForgeTest, ReportsRenderHarnessTextInert) {
  const fs::path md = dir_ / "r.md";
  const fs::path html = dir_ / "r.html";
  const fs::path xml = dir_ / "r.xml";
  const Output report = canary({"report", "--markdown", md.string(), "--html", html.string(),
                                "--junit", xml.string(), artifacts().string()});
  EXPECT_EQ(report.exit_code, 0) << report.all();
  expect_printable(report.out, "canary report stdout");
  expect_printable(report.err, "canary report stderr");
  const std::string markdown = read_file(md);
  EXPECT_NE(markdown.find("0 passed, 1 failed"), std::string::npos) << markdown;
  expect_printable(markdown, "report.md");
  ASSERT_NE(markdown.find("octocat"), std::string::npos) << "the name is shown:\n" << markdown;
  const std::string live = outside_code_spans(markdown);
  for (const char* active : {"@octocat", "https://", "<img", "**bold**"}) {
    EXPECT_EQ(live.find(active), std::string::npos)
        << "'" << active << "' is live Markdown outside a code span:\n" << markdown;
  }
  for (const fs::path& file : {html, xml}) {
    const std::string text = read_file(file);
    EXPECT_EQ(text.find("<img"), std::string::npos) << file;
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << file;
  }
}

TEST_F(OutputForgeTest, CanaryGtestPrintsNamesEscaped) {
  const Output gtest = run("canary-gtest", {"--canary-dir", (dir_ / "canaries").string(),
                                            "--canary-profile", profile_,
                                            "--canary-artifact-root", artifacts().string()});
  EXPECT_NE(gtest.exit_code, 0) << gtest.all();
  EXPECT_NE(gtest.out.find("MISMATCH"), std::string::npos) << gtest.out;
  expect_printable(gtest.out, "canary-gtest stdout");
  expect_printable(gtest.err, "canary-gtest stderr");
}

// CI log commands where a line-start check does not look (harnesses/output_ci_commands.sh):
// after spaces, anywhere in a line, in the names of records it forges beside its own and in the
// secret names those records list. Every program, format and warning stays free of them.
class CiCommandsTest : public Scratch {};

TEST_F(CiCommandsTest, NoCommandReachesTheLogFromAnyProgram) {
  const std::string profile_path = profile("output_ci_commands.sh");
  spec();
  const Output first = canary({"run", "--canaries", "canaries", "-p", profile_path});
  EXPECT_EQ(first.exit_code, kCanaryFailed) << first.all();
  expect_printable(first.out, "canary run stdout");
  expect_printable(first.err, "canary run stderr");
  const std::string root = artifacts().string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify", "--latest", "--table", "--canaries", "canaries", root},
        {"verify", "--latest", "--canaries", "canaries", root},
        {"verify", "--latest", "--json", "--canaries", "canaries", root},
        {"verify", "--latest", "--annotate", "github", "--canaries", "canaries", root},
        {"report", root}}) {
    const Output output = canary(args);
    std::string what = "canary";
    for (std::size_t i = 0; i + 1 < args.size(); ++i) what += " " + args[i];  // not the root
    const bool annotated = std::find(args.begin(), args.end(), "--annotate") != args.end();
    EXPECT_EQ(output.exit_code, kCanaryFailed) << what << "\n" << output.all();
    expect_printable(output.out, what + " stdout", annotated);
    expect_printable(output.err, what + " stderr");
    EXPECT_NE(output.all().find("UNTRUSTED"), std::string::npos) << what << "\n" << output.all();
  }
  const Output gtest = run("canary-gtest", {"--canary-dir", (dir_ / "canaries").string(),
                                            "--canary-profile", profile_path,
                                            "--canary-artifact-root", root});
  EXPECT_NE(gtest.exit_code, 0) << gtest.all();
  expect_printable(gtest.out, "canary-gtest stdout");
  expect_printable(gtest.err, "canary-gtest stderr");
}

}  // namespace
}  // namespace hostile
