// Harnesses that echo their secret into results (names, skip reason, ref, a tier's name), a
// status word or their logs, or across the start of a report's log window (harnesses/secrets_*.sh), with secrets that defeat masking done
// late: longer than any cut, holding `"` and `\`, holding Markdown's `_` and `*`, set only in the
// profile's env. No output, record or report holds the secret or any piece of it; a cold verify
// or report that cannot know a secret's value says so in one line.
#include "output_support.hpp"

namespace hostile {
namespace {

const std::string kLong = "LongSecret-" + std::string(30, 'q') + "-0123456789-" +
                          std::string(30, 'z') + "-tail";  // over 64 characters
const std::string kQuoted = R"(pa"ss\word-Quote\"d-secret)";
const std::string kMarkdown = "envonly_SECRET_*value*";

struct Attack {
  std::string harness;
  std::string secret;
  int exit_code;  // the honest outcome: 1 MISMATCH, 3 TOOL_ERROR
};

void PrintTo(const Attack& a, std::ostream* os) { *os << a.harness << " / " << a.secret.size(); }

class SecretsTest : public Scratch, public testing::WithParamInterface<Attack> {
 protected:
  // Every program and format, each checked for the secret; the run dir's files too.
  void expect_masked_everywhere(const std::map<std::string, std::string>& env) {
    const Attack& attack = GetParam();
    const Output first = canary({"run", "--canaries", "canaries", "-p", profile_}, env);
    EXPECT_EQ(first.exit_code, attack.exit_code) << first.all();
    expect_no_secret(first.all(), attack.secret, "canary run");
    const Output json = canary({"run", "--canaries", "canaries", "-p", profile_, "--json"}, env);
    expect_no_secret(json.all(), attack.secret, "canary run --json");
    const Output annotated = canary(
        {"run", "--canaries", "canaries", "-p", profile_, "--annotate", "github"}, env);
    expect_no_secret(annotated.all(), attack.secret, "canary run --annotate github");

    for (const auto& entry : fs::directory_iterator(artifacts())) {
      if (!entry.is_directory() || entry.path().filename().string()[0] == '.') continue;
      const std::string dir = entry.path().string();
      for (const std::vector<std::string>& args :
           {std::vector<std::string>{"verify", "--canaries", "canaries", dir},
            {"verify", "--table", "--canaries", "canaries", dir},
            {"verify", "--json", "--canaries", "canaries", dir},
            {"verify", "--latest", "--table", "--canaries", "canaries", artifacts().string()}}) {
        const Output verify = canary(args, env);
        const std::string what = "canary verify " + args[1] + " " + args[2];
        EXPECT_EQ(verify.exit_code, attack.exit_code) << what << "\n" << verify.all();
        expect_no_secret(verify.all(), attack.secret, what);
      }
      const fs::path record = entry.path() / "canary-run.json";
      EXPECT_NE(read_file(record).find("\"HOSTILE_TOKEN\""), std::string::npos)
          << "the record names its secrets: " << read_file(record);
    }
    const fs::path reports = dir_ / "reports";
    fs::create_directories(reports);
    const Output report = canary({"report", "--markdown", (reports / "r.md").string(), "--html",
                                  (reports / "r.html").string(), "--junit",
                                  (reports / "r.xml").string(), artifacts().string()},
                                 env);
    EXPECT_EQ(report.exit_code, 0) << report.all();
    EXPECT_NE(read_file(reports / "r.md").find(" 0 passed"), std::string::npos) << report.all();
    expect_no_secret(report.all(), attack.secret, "canary report");
    const Output gtest = run("canary-gtest", {"--canary-dir", (dir_ / "canaries").string(),
                                              "--canary-profile", profile_,
                                              "--canary-artifact-root", artifacts().string()},
                             env);
    EXPECT_NE(gtest.exit_code, 0) << gtest.all();
    expect_no_secret(gtest.all(), attack.secret, "canary-gtest");
    for (const fs::path& dir : {artifacts(), reports}) {
      for (const auto& [path, text] : files_under(dir)) {
        // The harness's own results and logs are its business; Canary's files are not.
        const std::string name = fs::path(path).filename().string();
        if (name == "results.json" || name.starts_with("harness.")) continue;
        expect_no_secret(text, attack.secret, path);
      }
    }
  }

  std::string profile_;
};

TEST_P(SecretsTest, MaskedWhenTheSecretIsInTheEnvironment) {
  profile_ = profile(GetParam().harness, "secrets: [HOSTILE_TOKEN]\n");
  spec();
  expect_masked_everywhere({{"HOSTILE_TOKEN", GetParam().secret}});
}

TEST_P(SecretsTest, MaskedWhenOnlyTheProfileSetsIt) {
  profile_ = profile(GetParam().harness,
                     "secrets: [HOSTILE_TOKEN]\nenv:\n  HOSTILE_TOKEN: '" + GetParam().secret +
                         "'\n");
  spec();
  expect_masked_everywhere({});
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, SecretsTest,
    testing::Values(Attack{"secrets_in_results.sh", kLong, 1},
                    Attack{"secrets_in_results.sh", kQuoted, 1},
                    Attack{"secrets_in_results.sh", kMarkdown, 1},
                    Attack{"secrets_in_status.sh", kLong, 3},
                    Attack{"secrets_in_status.sh", kQuoted, 3},
                    Attack{"secrets_in_logs.sh", kLong, 3},
                    Attack{"secrets_in_logs.sh", kQuoted, 3},
                    Attack{"secrets_straddling_log_window.sh", kLong, 3}),
    [](const testing::TestParamInfo<Attack>& param) {
      const std::string& script = param.param.harness;  // secrets_<attack>.sh
      const std::string harness = script.substr(8, script.size() - 11);
      const std::string kind = param.param.secret == kLong     ? "long"
                               : param.param.secret == kQuoted ? "quoted"
                                                              : "markdown";
      return harness + "_" + kind;
    });

// The profile the record names is gone: verify and report mask from the record's secret names
// and their own environment, and say in one line which secret they have no value for.
class ColdSecretsTest : public Scratch {};

std::vector<std::string> lines_naming(const std::string& text, const std::string& word) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(word) != std::string::npos) out.push_back(line);
  }
  return out;
}

TEST_F(ColdSecretsTest, VerifyAndReportWithoutTheProfile) {
  const std::string profile_path = profile("secrets_in_results.sh", "secrets: [HOSTILE_TOKEN]\n");
  spec();
  const std::map<std::string, std::string> env = {{"HOSTILE_TOKEN", kLong}};
  ASSERT_EQ(canary({"run", "--canaries", "canaries", "-p", profile_path}, env).exit_code, 1);
  const std::string record = read_file(run_dir() / "canary-run.json");
  EXPECT_NE(record.find(profile_path), std::string::npos) << "the record names its profile";
  fs::remove(profile_path);

  const std::string dir = run_dir().string();
  const Output verify = canary({"verify", "--canaries", "canaries", dir}, env);
  EXPECT_EQ(verify.exit_code, 1) << verify.all();
  expect_no_secret(verify.all(), kLong, "cold verify");
  const Output report = canary({"report", artifacts().string()}, env);
  EXPECT_NE(report.out.find("0 passed, 1 failed"), std::string::npos) << report.all();
  expect_no_secret(report.all(), kLong, "cold report");

  // Without the value anywhere: one warning line naming the secret, never its value.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify", "--canaries", "canaries", dir},
        {"report", artifacts().string()}}) {
    const Output blind = canary(args, {{"HOSTILE_TOKEN", ""}});
    EXPECT_EQ(blind.exit_code, args[0] == "verify" ? 1 : 0) << blind.all();
    const auto warnings = lines_naming(blind.err, "HOSTILE_TOKEN");
    ASSERT_EQ(warnings.size(), 1u) << args[0] << "\n" << blind.all();
    EXPECT_NE(warnings[0].find("warning"), std::string::npos) << warnings[0];
  }
}

}  // namespace
}  // namespace hostile
