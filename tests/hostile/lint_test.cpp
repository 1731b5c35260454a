// A recipe or ref spliced into a shell's script string runs as shell code: `canary lint` warns
// about such a profile (file:line:col, with the fix), and a recipe that is not a plain name is
// refused before any harness runs.
#include "output_support.hpp"

#include <regex>

namespace hostile {
namespace {

class LintShellTest : public Scratch {
 protected:
  // A profile whose command is `command` (a YAML flow list), for the spec(s) in canaries/.
  fs::path shell_profile(const std::string& command) {
    const fs::path path = dir_ / "profiles" / "shell.yaml";
    write_file(path, "harness: shell\ncommand: " + command + "\nresults: results.json\n");
    return path;
  }

  // A spec on the profile `profile` names (its file's stem, found in the profile's dir).
  void spec_on(const std::string& id, const fs::path& profile, const std::string& recipe) {
    profile_dir_ = profile.parent_path().string();
    write_file(dir_ / "canaries" / (id + ".yaml"),
               "canary: " + id + "\nrecipe: " + recipe +
                   "\nsha: 8f14e45fceea167a5a36dedd4bea2543c9f1a2b3\nharness: " +
                   profile.stem().string() +
                   "\nexpect:\n  verdict: green\n  tests:\n    - {tier: install, name: t, status: pass}\n");
  }

  Output lint() { return canary({"lint", "canaries"}, {{"CANARY_PROFILE_DIR", profile_dir_}}); }

  std::string profile_dir_;

  // The profile warnings lint printed, one a line.
  std::vector<std::string> shell_warnings(const Output& lint) {
    std::vector<std::string> out;
    std::istringstream lines(lint.err);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("warning: 'command[") != std::string::npos) out.push_back(line);
    }
    return out;
  }
};

TEST_F(LintShellTest, WarnsAtThePlaceholderInsideAShScriptWithTheFix) {
  const std::string command = R"J(["sh", "-c", "deploy {recipe} at {ref} ({run_id})", "x"])J";
  const fs::path profile_path = shell_profile(command);
  spec_on("one", profile_path, "custom-html-tiny");
  spec_on("two", profile_path, "custom-html-tiny");
  const Output lint = this->lint();
  EXPECT_EQ(lint.exit_code, 0) << lint.all();
  const auto warnings = shell_warnings(lint);
  // Two specs use the profile; its warning is about the profile, printed once.
  ASSERT_EQ(warnings.size(), 1u) << lint.all();
  const std::string column = std::to_string(std::string("command: ").size() +
                                            command.find("\"deploy") + 1);
  EXPECT_TRUE(warnings[0].starts_with(profile_path.string() + ":2:" + column + ": warning: ")) << warnings[0];
  EXPECT_NE(warnings[0].find("{recipe}, {ref}"), std::string::npos) << warnings[0];
  EXPECT_EQ(warnings[0].find("{run_id}"), std::string::npos) << "run ids are Canary's: " << warnings[0];
  EXPECT_NE(warnings[0].find("'sh -c'"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("\"$1\""), std::string::npos) << "the fix: " << warnings[0];
  EXPECT_NE(lint.out.find("1 warning"), std::string::npos) << lint.out;
}

TEST_F(LintShellTest, WarnsForEveryShellSpelling) {
  for (const std::string command :
       {R"J(["bash", "-ec", "run {canary}"])J", R"J(["/bin/sh", "-o", "errexit", "-c", "run {sha}"])J",
        R"J(["env", "-i", "A=1", "dash", "-xc", "run {recipe}"])J", R"J(["zsh", "-c", "run {ref}"])J"}) {
    const fs::path profile_path = shell_profile(command);
    spec_on("one", profile_path, "custom-html-tiny");
    const Output lint = this->lint();
    EXPECT_EQ(lint.exit_code, 0) << lint.all();
    EXPECT_EQ(shell_warnings(lint).size(), 1u) << command << "\n" << lint.all();
  }
}

TEST_F(LintShellTest, SaysNothingWhenThePlaceholderIsItsOwnArgument) {
  for (const std::string command :
       {R"J(["sh", "-c", "deploy \"$1\"", "sh", "{recipe}"])J",  // cc-ci's form
        R"J(["sh", "-c", "echo {{recipe}} {run_id} {artifacts}"])J",  // literal braces, Canary's values
        R"J(["python3", "-c", "print(1)", "{recipe}"])J",           // not a shell
        R"J(["sh", "{bin}/script.sh", "{recipe}"])J"}) {             // a script file, not -c
    const fs::path profile_path = shell_profile(command);
    spec_on("one", profile_path, "custom-html-tiny");
    const Output lint = this->lint();
    EXPECT_EQ(lint.exit_code, 0) << lint.all();
    EXPECT_TRUE(shell_warnings(lint).empty()) << command << "\n" << lint.all();
  }
}

TEST_F(LintShellTest, TheBundledCcCiProfileIsClean) {
  spec_on("one", kSource + "/harness/profiles/cc-ci.yaml", "custom-html-tiny");
  const Output lint = this->lint();
  EXPECT_EQ(lint.exit_code, 0) << lint.all();
  EXPECT_TRUE(shell_warnings(lint).empty()) << lint.all();
}

// The attack itself: a spec whose recipe is shell words, on a profile that splices it into
// `sh -c`. The recipe check refuses it in lint and in run, so the harness never runs it.
TEST_F(LintShellTest, ARecipeOfShellWordsIsRefusedBeforeAnyHarnessRuns) {
  const fs::path marker = dir_ / "PWNED";
  const fs::path profile_path = shell_profile(R"J(["sh", "-c", "echo deploying {recipe}"])J");
  spec_on("inject", profile_path, "\"x; touch " + marker.string() + "\"");
  const Output lint = this->lint();
  EXPECT_EQ(lint.exit_code, 2) << lint.all();
  const std::regex error(R"(inject\.yaml:2:9: error: 'recipe' .* must match \[A-Za-z0-9\]\[A-Za-z0-9._-\]\*)");
  EXPECT_TRUE(std::regex_search(lint.err, error)) << lint.err;
  EXPECT_EQ(shell_warnings(lint).size(), 0u) << "a spec with errors has no profile checked";

  const Output run = canary({"run", "--canaries", "canaries"}, {{"CANARY_PROFILE_DIR", profile_dir_}});
  EXPECT_EQ(run.exit_code, 2) << run.all();
  EXPECT_FALSE(fs::exists(marker)) << "the recipe ran as shell code";
  EXPECT_FALSE(fs::exists(artifacts())) << "a harness ran";
}

// A spec's values come back quoted in lint's errors (an unknown key, a bad id, recipe, tier or
// flag): a spec from a pull request must not write to the terminal or the CI log through them.
TEST_F(LintShellTest, SpecValuesInMessagesAreEscaped) {
  const std::string controls = "\\e[2J\\e]0;owned\\a\\u009b\\u202e ##[error]x ##vso[task.complete]";
  write_file(dir_ / "canaries" / "values.yaml",
             "canary: \"id" + controls + "\"\nrecipe: \"r" + controls +
                 "\"\nsha: 8f14e45fceea167a5a36dedd4bea2543c9f1a2b3\nharness: \"h" + controls +
                 "\"\n\"key" + controls + "\": 1\nexpect:\n  verdict: green\n  flags: {\"f" +
                 controls + "\": true}\n  tests:\n    - {tier: \"t" + controls +
                 "\", name: \" ::error::n\", status: pass}\n");
  const Output lint = this->lint();
  EXPECT_EQ(lint.exit_code, 2) << lint.all();
  EXPECT_NE(lint.err.find("unknown key"), std::string::npos) << lint.err;
  expect_printable(lint.out, "canary lint stdout");
  expect_printable(lint.err, "canary lint stderr");
  const Output annotated = canary({"lint", "--annotate", "github", "canaries"},
                                  {{"CANARY_PROFILE_DIR", profile_dir_}});
  expect_printable(annotated.out, "canary lint --annotate github stdout", true);
  expect_printable(annotated.err, "canary lint --annotate github stderr");
}

}  // namespace
}  // namespace hostile
