#include <canary/profile.hpp>

#include "support/model.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using canary::testing::formatted;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Two lines that make a profile valid, so each bad case below shows only its own error.
constexpr const char* kBase = "harness: x\ncommand: [a]\n";
const std::string kForms = "90s, 5m, 1h30m, 500ms or a number of seconds";
const std::string kKnown =
    "(known: artifact_root, artifacts, bin, canary, profile_dir, recipe, ref, run_id, sha)";

TEST(LoadProfile, ReadsAMinimalProfileWithDefaults) {
  const ProfileFile file =
      load_profile("p.yaml", "harness: local\ncommand: [\"{bin}/tool\", run]\n");
  ASSERT_TRUE(file.ok()) << ::testing::PrintToString(formatted(file.diagnostics));
  const HarnessProfile& p = *file.profile;
  EXPECT_EQ(p.name, "local");
  EXPECT_EQ(p.path, "p.yaml");
  EXPECT_THAT(p.command, ElementsAre("{bin}/tool", "run"));
  EXPECT_THAT(p.env, IsEmpty());
  EXPECT_EQ(p.artifacts, "{artifact_root}/{run_id}");
  EXPECT_EQ(p.results, "results.json");
  EXPECT_THAT(p.tiers, IsEmpty());
  EXPECT_EQ(p.retries, 2);
  EXPECT_EQ(p.grace, 5s);
  EXPECT_EQ(p.about, "");
}

TEST(LoadProfile, ReadsEveryKey) {
  const ProfileFile file = load_profile("p.yaml", R"(harness: cc-ci
about: the real one
command: ["sh", "-c", "echo ${{HOME}}", "{recipe}"]
env: {RUN_ID: "{run_id}", REF: "{sha}", EMPTY: ""}
artifacts: "{artifact_root}/runs/{run_id}"
results: out/results.json
tiers: [smoke, perf]
retries: 0
grace: 1500ms
secrets: [CANARY_TOKEN, DEPLOY_KEY]
)");
  ASSERT_TRUE(file.ok()) << ::testing::PrintToString(formatted(file.diagnostics));
  const HarnessProfile& p = *file.profile;
  EXPECT_EQ(p.name, "cc-ci");
  EXPECT_EQ(p.about, "the real one");
  EXPECT_THAT(p.command, ElementsAre("sh", "-c", "echo ${{HOME}}", "{recipe}"));
  EXPECT_EQ(p.env, (std::map<std::string, std::string>{
                       {"RUN_ID", "{run_id}"}, {"REF", "{sha}"}, {"EMPTY", ""}}));
  EXPECT_EQ(p.artifacts, "{artifact_root}/runs/{run_id}");
  EXPECT_EQ(p.results, "out/results.json");
  EXPECT_THAT(p.tiers, ElementsAre("smoke", "perf"));
  EXPECT_EQ(p.retries, 0);
  EXPECT_EQ(p.grace, 1500ms);
  EXPECT_THAT(p.secrets, ElementsAre("CANARY_TOKEN", "DEPLOY_KEY"));
}

TEST(LoadProfile, ParsesGraceDurations) {
  const std::vector<std::pair<std::string, std::chrono::milliseconds>> cases = {
      {"0s", 0ms}, {"5s", 5s}, {"500ms", 500ms}, {"2m", 2min}, {"30s", 30s},
      {"1m30s", 90s}, {"1s500ms", 1500ms}, {"1h", 1h}, {"5", 5s}};
  for (const auto& [text, expected] : cases) {
    const ProfileFile file = load_profile("p.yaml", std::string(kBase) + "grace: " + text + "\n");
    ASSERT_TRUE(file.ok()) << text << ": " << ::testing::PrintToString(formatted(file.diagnostics));
    EXPECT_EQ(file.profile->grace, expected) << text;
  }
}

struct BadProfile {
  std::string text;
  std::vector<std::string> diagnostics;
};

TEST(LoadProfile, ReportsEveryErrorAtItsPlace) {
  const std::string b = kBase;
  const std::vector<BadProfile> cases = {
      {"", {"p.yaml: error: empty profile: expected a mapping with 'harness' and 'command'"}},
      {"- a\n- b\n", {"p.yaml:1:1: error: a profile must be a mapping of keys to values"}},
      {"harness: [x\n", {"p.yaml:2:1: error: invalid YAML: end of sequence flow not found (a '[' is never closed)"}},
      {"about: hi\n",
       {"p.yaml:1:1: error: missing required key 'harness'",
        "p.yaml:1:1: error: missing required key 'command'"}},
      {b + "comand: [b]\n",
       {"p.yaml:3:1: error: unknown key 'comand' (did you mean 'command'?)"}},
      {b + "harness: y\n", {"p.yaml:3:1: error: duplicate key 'harness' (first at line 1)"}},
      {b + "[a]: b\n", {"p.yaml:3:1: error: keys must be plain words, not a list"}},
      {"harness: ''\ncommand: [a]\n", {"p.yaml:1:10: error: 'harness' must be a non-empty string"}},
      {"harness:\ncommand: [a]\n", {"p.yaml:1:1: error: 'harness' must be a non-empty string"}},
      {"harness: x\ncommand: run.sh\n",
       {"p.yaml:2:10: error: 'command' must be a list of strings"}},
      {"harness: x\ncommand: []\n", {"p.yaml:2:10: error: 'command' must not be empty"}},
      {"harness: x\ncommand: [a, {b: c}]\n", {"p.yaml:2:14: error: 'command[1]' must be a string"}},
      {"harness: x\ncommand: [\"{bni}/tool\"]\n",
       {"p.yaml:2:11: error: 'command[0]': unknown placeholder '{bni}' " + kKnown}},
      {"harness: x\ncommand:\n  - run\n  - \"{recipe\"\n",
       {"p.yaml:4:5: error: 'command[1]': unclosed '{' (write '{{' for a literal brace)"}},
      {b + "env: [A]\n",
       {"p.yaml:3:6: error: 'env' must be a mapping of variable names to strings"}},
      {b + "env: {A-B: x}\n",
       {"p.yaml:3:7: error: 'env' key 'A-B' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)"}},
      {b + "env: {A: [x]}\n", {"p.yaml:3:10: error: 'env.A' must be a string"}},
      {b + "env:\n  A: x\n  A: y\n", {"p.yaml:5:3: error: duplicate key 'A' (first at line 4)"}},
      {b + "env: {RUN: \"{runid}\"}\n",
       {"p.yaml:3:12: error: 'env.RUN': unknown placeholder '{runid}' " + kKnown}},
      {b + "artifacts: \"{artifacts}/x\"\n",
       {"p.yaml:3:12: error: 'artifacts' cannot refer to itself with '{artifacts}'"}},
      {b + "artifacts: [x]\n", {"p.yaml:3:12: error: 'artifacts' must be a string"}},
      {b + "results: \"{run_id\"\n",
       {"p.yaml:3:10: error: 'results': unclosed '{' (write '{{' for a literal brace)"}},
      {b + "results: ../r.json\n",
       {"p.yaml:3:10: error: 'results' must be a file path inside the artifact dir, not "
        "'../r.json'"}},
      {b + "results: /abs/r.json\n",
       {"p.yaml:3:10: error: 'results' must be a file path inside the artifact dir, not "
        "'/abs/r.json'"}},
      {b + "tiers: smoke\n", {"p.yaml:3:8: error: 'tiers' must be a list of tier names"}},
      {b + "tiers: [smoke, backup]\n",
       {"p.yaml:3:16: error: 'tiers' lists extra tiers only; 'backup' is a standard tier"}},
      {b + "tiers: [smoke, smoke]\n", {"p.yaml:3:16: error: tier 'smoke' is listed twice"}},
      {b + "retries: 11\n",
       {"p.yaml:3:10: error: 'retries' must be an integer from 0 to 10, not '11'"}},
      {b + "retries: -1\n",
       {"p.yaml:3:10: error: 'retries' must be an integer from 0 to 10, not '-1'"}},
      {b + "retries: two\n",
       {"p.yaml:3:10: error: 'retries' must be an integer from 0 to 10, not 'two'"}},
      {b + "retries: [1]\n",
       {"p.yaml:3:10: error: 'retries' must be an integer from 0 to 10, not a list"}},
      {b + "grace: 5 s\n",
       {"p.yaml:3:8: error: malformed duration '5 s' for 'grace' (use " + kForms + ")"}},
      {b + "grace: 1d\n",
       {"p.yaml:3:8: error: malformed duration '1d' for 'grace' (use " + kForms + ")"}},
      {b + "grace: 500ms1s\n",
       {"p.yaml:3:8: error: malformed duration '500ms1s' for 'grace' (use " + kForms + ")"}},
      {b + "grace: 99999999999999999999ms\n",
       {"p.yaml:3:8: error: malformed duration '99999999999999999999ms' for 'grace' (use " +
        kForms + ")"}},
      {b + "grace: [5s]\n",
       {"p.yaml:3:8: error: 'grace' must be a duration (" + kForms + "), not a list"}},
      {b + "grace:\n",
       {"p.yaml:3:1: error: 'grace' must be a duration (" + kForms + "), not an empty value"}},
      // The spec's reader guards: a second document, a control byte, yaml-cpp's endless loop.
      {b + "---\nharness: y\n",
       {"p.yaml:4:1: error: a profile file holds one profile; this is a second YAML document"}},
      {",caa\n",
       {"p.yaml:1:1: error: invalid YAML: a document cannot start with ',' (a ',' belongs "
        "inside [...] or {...})"}},
      {b + "about: \"a\x01\"\n",
       {"p.yaml:3:10: error: control character U+0001 in the text; YAML allows only tab, line "
        "feed and carriage return"}},
      {b + "about: {a: b}\n", {"p.yaml:3:8: error: 'about' must be a string"}},
      {b + "secrets: CANARY_TOKEN\n",
       {"p.yaml:3:10: error: 'secrets' must be a list of environment variable names"}},
      {b + "secrets: [OK, not-a-name, {a: b}]\n",
       {"p.yaml:3:15: error: 'secrets[1]' must be a variable name ([A-Za-z_][A-Za-z0-9_]*), not "
        "'not-a-name'",
        "p.yaml:3:27: error: 'secrets[2]' must be a variable name ([A-Za-z_][A-Za-z0-9_]*), not "
        "a map"}},
      {b + "secrets: [TOKEN, TOKEN]\n", {"p.yaml:3:18: error: secret 'TOKEN' is listed twice"}},
      // Every error of a file in one pass, in file order.
      {"command: [\"{x}\"]\nretries: 99\nbogus: 1\n",
       {"p.yaml:1:1: error: missing required key 'harness'",
        "p.yaml:1:11: error: 'command[0]': unknown placeholder '{x}' " + kKnown,
        "p.yaml:2:10: error: 'retries' must be an integer from 0 to 10, not '99'",
        "p.yaml:3:1: error: unknown key 'bogus' (expected one of: about, artifacts, command, env, "
        "faults, grace, harness, identity, results, retries, secrets, tiers, user)"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const ProfileFile file = load_profile("p.yaml", c.text);
    EXPECT_FALSE(file.ok());
    EXPECT_FALSE(file.profile.has_value());
    EXPECT_EQ(formatted(file.diagnostics), c.diagnostics);
  }
}

TEST(LoadProfileFile, ReadsTheBundledProfiles) {
  for (const char* name : {"example.yaml", "cc-ci.yaml"}) {
    const std::string path = std::string(CANARY_SOURCE_DIR) + "/harness/profiles/" + name;
    const ProfileFile file = load_profile_file(path);
    EXPECT_TRUE(file.ok()) << name << ": " << ::testing::PrintToString(formatted(file.diagnostics));
    if (file.ok()) {
      EXPECT_EQ(file.profile->path, path);
    }
  }
}

TEST(LoadProfileFile, AnUnreadableFileIsADiagnostic) {
  const canary::testing::TempDir dir;
  EXPECT_THAT(formatted(load_profile_file(dir / "missing.yaml").diagnostics),
              ElementsAre(dir / "missing.yaml" +
                          ": error: cannot read profile: No such file or directory"));
  EXPECT_THAT(formatted(load_profile_file(dir.path()).diagnostics),
              ElementsAre(dir.path() + ": error: cannot read profile: Is a directory"));
}

}  // namespace
}  // namespace canary
