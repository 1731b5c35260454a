#include "spec_test_support.hpp"

#include <canary/spec_loader.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using ::testing::ElementsAreArray;
using testing::formatted;

const std::string kPinned =
    "canary: sample\n"
    "recipe: custom-html-tiny\n"
    "sha: 0123456789abcdef0123456789abcdef01234567\n";
const std::string kGreen =
    "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n";
const std::string kMissingAll = "bad.yaml:1:1: error: missing required key ";
const std::string kStatuses = "(expected pass, fail, skip, na, error, unver or not_run)";
const std::string kTestStatuses = "(expected pass, fail, skip, na, error, unver, xfail or xpass)";
const std::string kTeethRed = ", or it cannot tell a caught bug from a deleted guard";

struct InvalidRow {
  std::string name;
  std::string yaml;
  std::vector<std::string> diagnostics;  // every one, in order, as printed
};

// Names the row in failure messages instead of dumping its bytes.
void PrintTo(const InvalidRow& row, std::ostream* out) { *out << '"' << row.name << '"'; }

const InvalidRow kInvalidRows[] = {
    // The file as a whole.
    {"yaml_syntax_error",
     "canary: [x\n",
     {"bad.yaml:2:1: error: invalid YAML: end of sequence flow not found (a '[' is never closed)"}},
    {"unquoted_glob_in_flow_style",
     kPinned + "expect: {verdict: green, tests: [{tier: install, name: test_?, status: pass}]}\n",
     {"bad.yaml:4:61: error: invalid YAML: unknown token (inside [...] or {...}, quote a value "
      "that "
      "holds ?, [ or ], e.g. 'test_?')"}},
    {"empty_file",
     "",
     {"bad.yaml: error: empty file: a spec is a map with 'canary', 'recipe', 'sha' and 'expect'"}},
    {"only_comments",
     "# nothing yet\n\n",
     {"bad.yaml: error: empty file: a spec is a map with 'canary', 'recipe', 'sha' and 'expect'"}},
    {"top_level_list",
     "- canary: x\n",
     {"bad.yaml:1:1: error: a spec must be a map of keys, not a list"}},
    {"top_level_scalar",
     "just words\n",
     {"bad.yaml:1:1: error: a spec must be a map of keys, not 'just words'"}},
    {"second_document",
     kPinned + kGreen + "---\ncanary: other\n",
     {"bad.yaml:6:1: error: a spec file holds one canary; this is a second YAML document"}},

    // Keys: unknown, duplicate, missing, not words.
    {"unknown_key_close_to_a_known_one",
     kPinned + "expekt: {verdict: green}\n",
     {kMissingAll + "'expect'",
      "bad.yaml:4:1: error: unknown key 'expekt' (did you mean 'expect'?)"}},
    {"unknown_key_far_from_all",
     kPinned + "colour: red\n" + kGreen,
     {"bad.yaml:4:1: error: unknown key 'colour' (expected one of: canary, about, recipe, ref, "
      "sha, "
      "labels, timeout, harness, expect, xfail, flaky)"}},
    {"unknown_key_in_expect",
     kPinned + "expect:\n  verdikt: green\n  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:4:1: error: 'expect' judges no verdict: give 'verdict', 'fails_at' or 'exit_code'",
      "bad.yaml:5:3: error: unknown key 'verdikt' (did you mean 'verdict'?)"}},
    {"unknown_key_in_test_entry",
     kPinned +
         "expect:\n  verdict: green\n  tests:\n    - {tier: install, name: t, statuz: pass}\n",
     {"bad.yaml:7:7: error: missing required key 'status' in test entry",
      "bad.yaml:7:32: error: unknown key 'statuz' (did you mean 'status'?)"}},
    {"unknown_key_in_xfail",
     kPinned + "xfail: {bug: \"#3\", reson: flaky}\n" + kGreen,
     {"bad.yaml:4:20: error: unknown key 'reson' (did you mean 'reason'?)"}},
    {"duplicate_top_level_key",
     kPinned + "recipe: other\n" + kGreen,
     {"bad.yaml:4:1: error: duplicate key 'recipe' (first at line 2)"}},
    {"duplicate_key_in_expect",
     kPinned + "expect:\n  verdict: green\n  tests: [{tier: install, name: t, status: pass}]\n"
               "  verdict: red\n",
     {"bad.yaml:7:3: error: duplicate key 'verdict' (first at line 5)"}},
    {"duplicate_tier",
     kPinned + "expect:\n  fails_at: backup\n  tiers: {backup: fail, backup: pass}\n"
               "  tests: [{tier: backup, name: t, status: fail}]\n",
     {"bad.yaml:6:25: error: duplicate key 'backup' (first at line 6)"}},
    {"missing_required_keys",
     "about: nothing else\n",
     {kMissingAll + "'canary'", kMissingAll + "'recipe'", kMissingAll + "'sha'",
      kMissingAll + "'expect'"}},
    {"key_that_is_not_a_word",
     kPinned + "? [a, b]\n: c\n" + kGreen,
     {"bad.yaml:4:3: error: keys must be plain words, not a list"}},

    // Types and values of the top-level keys.
    {"wrong_types",
     "canary: sample\n"
     "about: [not, a, string]\n"
     "recipe: {name: x}\n"
     "sha: 0123456789abcdef0123456789abcdef01234567\n"
     "labels: fast\n"
     "timeout: [5m]\n"
     "expect: green\n",
     {"bad.yaml:2:8: error: 'about' must be a string, not a list",
      "bad.yaml:3:9: error: 'recipe' must be a string, not a map",
      "bad.yaml:5:9: error: 'labels' must be a list of label words, not 'fast'",
      "bad.yaml:6:10: error: 'timeout' must be a duration (90s, 5m, 1h30m, 500ms or a number of seconds), not a "
      "list",
      "bad.yaml:7:9: error: 'expect' must be a map of expectations, not 'green'"}},
    {"empty_values",
     "canary:\nrecipe: ''\nsha: 0123456789abcdef0123456789abcdef01234567\n" + kGreen,
     {"bad.yaml:1:1: error: 'canary' must be a string, not an empty value",
      "bad.yaml:2:9: error: 'recipe' must not be empty"}},
    {"id_with_capitals",
     "canary: Bad_Id\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n" + kGreen,
     {"bad.yaml:1:9: error: canary id 'Bad_Id' must match [a-z0-9][a-z0-9-]* (lower-case letters, "
      "digits and '-')"}},
    {"id_starting_with_dash",
     "canary: -x\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n" + kGreen,
     {"bad.yaml:1:9: error: canary id '-x' must match [a-z0-9][a-z0-9-]* (lower-case letters, "
      "digits and '-')"}},
    {"short_sha",
     "canary: sample\nrecipe: r\nsha: 0123456789ab\n" + kGreen,
     {"bad.yaml:3:6: error: 'sha' must be 40 hex digits, not 12 characters"}},
    {"sha_with_a_non_hex_digit",
     "canary: sample\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef0123456g\n" + kGreen,
     {"bad.yaml:3:6: error: 'sha' must be 40 hex digits; character 40 ('g') is not a hex digit"}},
    {"malformed_duration",
     kPinned + "timeout: 5x\n" + kGreen,
     {"bad.yaml:4:10: error: malformed duration '5x' for 'timeout' (use 90s, 5m, 1h30m, 500ms or "
      "a number of seconds)"}},
    {"zero_duration",
     kPinned + "timeout: 0s\n" + kGreen,
     {"bad.yaml:4:10: error: 'timeout' must be greater than zero"}},
    {"bad_harness_name",
     kPinned + "harness: CC CI\n" + kGreen,
     {"bad.yaml:4:10: error: harness profile name 'CC CI' must match [a-z0-9][a-z0-9_-]*"}},
    {"bad_and_duplicate_labels",
     kPinned + "labels: [fast-lane, canary_fast, canary_fast, [x]]\n" + kGreen,
     {"bad.yaml:4:10: error: label 'fast-lane' must match [A-Za-z0-9_]+",
      "bad.yaml:4:34: error: duplicate label 'canary_fast' (first at line 4)",
      "bad.yaml:4:47: error: each label must be a word, not a list"}},
    {"xfail_without_bug",
     kPinned + "xfail: {reason: flaky}\n" + kGreen,
     {"bad.yaml:4:8: error: 'xfail' must name the harness bug: add 'bug' (an issue, e.g. "
      "\"#17\")"}},
    {"xfail_not_a_map",
     kPinned + "xfail: \"#17\"\n" + kGreen,
     {"bad.yaml:4:8: error: 'xfail' must be a map {bug, reason}, not '#17'"}},
    {"flaky_without_bug",
     kPinned + "flaky: {reruns: 2}\n" + kGreen,
     {"bad.yaml:4:8: error: 'flaky' must name the bug that tracks the flake: add 'bug' (e.g. a "
      "URL)"}},
    {"flaky_reruns_out_of_range",
     kPinned + "flaky: {bug: \"#5\", reruns: 0}\nx: 1\n" + kGreen,
     {"bad.yaml:4:28: error: 'reruns' must be 1 to 10, not 0",
      "bad.yaml:5:1: error: unknown key 'x' (expected one of: canary, about, recipe, ref, sha, "
      "labels, timeout, harness, expect, xfail, flaky)"}},
    {"flaky_reruns_too_many",
     kPinned + "flaky:\n  bug: \"#5\"\n  reruns: 11\n" + kGreen,
     {"bad.yaml:6:11: error: 'reruns' must be 1 to 10, not 11"}},
    {"flaky_reruns_not_a_number",
     kPinned + "flaky: {bug: \"#5\", reruns: many, retries: 2}\n" + kGreen,
     {"bad.yaml:4:28: error: 'reruns' must be a whole number, not 'many'",
      "bad.yaml:4:34: error: unknown key 'retries' (expected one of: bug, reruns)"}},
    {"flaky_not_a_map",
     kPinned + "flaky: true\n" + kGreen,
     {"bad.yaml:4:8: error: 'flaky' must be a map {bug, reruns}, not 'true'"}},
    {"flaky_with_xfail",
     kPinned + "xfail: {bug: \"#1\"}\nflaky: {bug: \"#2\"}\n" + kGreen,
     {"bad.yaml:5:1: error: 'flaky' and 'xfail' cannot be combined: a known harness bug is not a "
      "flake"}},
    {"xfail_with_empty_bug",
     kPinned + "xfail: {bug: ''}\n" + kGreen,
     {"bad.yaml:4:14: error: 'bug' must not be empty"}},

    // Words inside `expect`.
    {"unknown_tiers",
     kPinned + "expect:\n  fails_at: bakup\n  tiers: {instal: pass}\n"
               "  tests: [{tier: custm, name: t, status: fail}]\n",
     {"bad.yaml:5:13: error: unknown tier 'bakup' (did you mean 'backup'?)",
      "bad.yaml:6:11: error: unknown tier 'instal' (did you mean 'install'?)",
      "bad.yaml:7:18: error: unknown tier 'custm' (did you mean 'custom'?)"}},
    {"extra_tier_the_profile_did_not_declare",
     kPinned + "expect:\n  fails_at: smoke\n  tests: [{tier: smoke, name: t, status: fail}]\n",
     {"bad.yaml:5:13: error: unknown tier 'smoke' (expected one of: install, upgrade, backup, "
      "restore, "
      "custom)",
      "bad.yaml:6:18: error: unknown tier 'smoke' (expected one of: install, upgrade, backup, "
      "restore, "
      "custom)"}},
    {"unknown_status_and_verdict",
     kPinned + "expect:\n  verdict: amber\n  tiers: {install: passed}\n"
               "  tests: [{tier: install, name: t, status: ok}]\n",
     {"bad.yaml:5:12: error: unknown verdict 'amber' (expected green or red)",
      "bad.yaml:6:20: error: unknown status 'passed' for tier 'install' " + kStatuses,
      "bad.yaml:7:44: error: unknown status 'ok' for test 't' " + kTestStatuses}},
    {"unknown_and_non_boolean_flags",
     kPinned + "expect:\n  verdict: green\n  flags: {clean_teardwn: true, no_secret_leak: yes}\n"
               "  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:6:11: error: unknown flag 'clean_teardwn' (did you mean 'clean_teardown'?)",
      "bad.yaml:6:48: error: 'no_secret_leak' must be true or false, not 'yes'"}},
    {"numbers_out_of_range",
     kPinned + "expect:\n  exit_code: 300\n  level: -1\n  tests: [{tier: install, name: t, status: "
               "pass}]\n",
     {"bad.yaml:5:14: error: 'exit_code' must be between 0 and 255, not 300",
      "bad.yaml:6:10: error: 'level' must be 0 or more, not -1"}},
    {"numbers_that_are_not_numbers",
     kPinned + "expect:\n  verdict: red\n  exit_code: one\n  level: 2.5\n"
               "  tests: [{tier: install, name: t, status: fail}]\n",
     {"bad.yaml:6:14: error: 'exit_code' must be a whole number, not 'one'",
      "bad.yaml:7:10: error: 'level' must be a whole number, not '2.5'"}},
    {"test_entries_malformed",
     kPinned +
         "expect:\n  verdict: green\n  tests:\n    - install\n    - {tier: install, name: ''}\n"
         "    - {tier: install, name: t, status: pass}\n",
     {"bad.yaml:7:7: error: each entry of 'tests' must be a map {tier, name, status}, not "
      "'install'",
      "bad.yaml:8:7: error: missing required key 'status' in test entry",
      "bad.yaml:8:29: error: 'name' must not be empty (a test name or glob)"}},
    {"tests_not_a_list",
     kPinned + "expect:\n  verdict: green\n  tests: {tier: install}\n",
     {"bad.yaml:6:10: error: 'tests' must be a list of {tier, name, status}, not a map"}},

    // Contradictions between keys.
    {"green_with_fails_at",
     kPinned + "expect:\n  verdict: green\n  fails_at: backup\n"
               "  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:6:13: error: 'fails_at' means verdict red, but 'verdict' is green"}},
    {"fails_at_with_tiers_that_disagree",
     kPinned +
         "expect:\n  fails_at: backup\n  tiers: {install: skip, upgrade: pass, backup: pass}\n"
         "  tests: [{tier: backup, name: t, status: fail}]\n",
     {"bad.yaml:6:11: error: tier 'install' is listed as skip, but 'fails_at: backup' needs every "
      "earlier tier to pass",
      "bad.yaml:6:41: error: tier 'backup' is listed as pass, but 'fails_at: backup' says it "
      "fails"}},
    {"green_with_non_zero_exit_code",
     kPinned + "expect:\n  verdict: green\n  exit_code: 3\n"
               "  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:6:14: error: 'exit_code: 3' contradicts 'verdict: green' (green means exit code "
      "0)"}},
    {"red_with_zero_exit_code",
     kPinned + "expect:\n  verdict: red\n  exit_code: 0\n"
               "  tests: [{tier: install, name: t, status: fail}]\n",
     {"bad.yaml:6:14: error: 'exit_code: 0' contradicts 'verdict: red' (red means a non-zero exit "
      "code)"}},
    {"fails_at_with_zero_exit_code",
     kPinned + "expect:\n  fails_at: upgrade\n  exit_code: 0\n"
               "  tests: [{tier: upgrade, name: t, status: fail}]\n",
     {"bad.yaml:6:14: error: 'exit_code: 0' contradicts 'fails_at: upgrade' (a failing tier means "
      "a "
      "non-zero exit code)"}},
    {"green_with_failing_tiers",
     kPinned + "expect:\n  verdict: green\n  tiers: {backup: fail, restore: error}\n"
               "  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:6:11: error: tier 'backup' is listed as fail, but 'verdict: green' means no tier "
      "fails "
      "or errors",
      "bad.yaml:6:25: error: tier 'restore' is listed as error, but 'verdict: green' means no tier "
      "fails or errors"}},
    {"expect_that_judges_no_verdict",
     kPinned +
         "expect:\n  tiers: {install: pass}\n  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:4:1: error: 'expect' judges no verdict: give 'verdict', 'fails_at' or "
      "'exit_code'"}},

    // The teeth rule.
    {"red_fails_at_without_a_failing_test_there",
     kPinned +
         "expect:\n  fails_at: backup\n  tests:\n    - {tier: backup, name: t, status: pass}\n"
         "    - {tier: install, name: u, status: fail}\n",
     {"bad.yaml:6:3: error: a red canary must name a test that must fail in tier 'backup'" +
      kTeethRed}},
    {"red_fails_at_without_tests",
     kPinned + "expect:\n  fails_at: backup\n",
     {"bad.yaml:4:1: error: a red canary must name a test that must fail in tier 'backup'" +
      kTeethRed}},
    {"red_verdict_failing_test_outside_failing_tiers",
     kPinned + "expect:\n  verdict: red\n  tiers: {backup: fail, custom: fail}\n"
               "  tests: [{tier: install, name: t, status: fail}]\n",
     {"bad.yaml:7:3: error: a red canary must name a test that must fail in a tier listed as fail "
      "('backup' or 'custom')" +
      kTeethRed}},
    {"red_verdict_without_failing_test",
     kPinned + "expect:\n  verdict: red\n  tests: []\n",
     {"bad.yaml:6:3: error: a red canary must name a test that must fail" + kTeethRed}},
    {"red_with_some_tiers_not_run_and_no_failing_test",
     kPinned + "expect:\n  verdict: red\n  tiers: {install: not_run, upgrade: not_run}\n",
     {"bad.yaml:4:1: error: a red canary must name a test that must fail" + kTeethRed}},
    {"test_in_a_tier_that_must_not_run",
     kPinned + "expect:\n  verdict: red\n  tiers: {install: not_run, backup: fail}\n"
               "  tests: [{tier: install, name: test_serving, status: fail}]\n",
     {"bad.yaml:6:11: error: tier 'install' is listed as not_run, but test 'test_serving' must be "
      "in it (a tier that did not run has no tests)",
      "bad.yaml:7:3: error: a red canary must name a test that must fail in a tier listed as fail "
      "('backup')" + kTeethRed}},
    {"not_run_is_no_test_status",
     kPinned + "expect:\n  verdict: green\n  tests: [{tier: install, name: t, status: not_run}]\n",
     {"bad.yaml:6:44: error: unknown status 'not_run' for test 't' " + kTestStatuses}},
    {"red_exit_code_without_failing_test",
     kPinned + "expect:\n  exit_code: 2\n  tests: [{tier: install, name: t, status: pass}]\n",
     {"bad.yaml:6:3: error: a red canary must name a test that must fail" + kTeethRed}},
    {"green_without_passing_test",
     kPinned + "expect:\n  verdict: green\n  tests: [{tier: install, name: t, status: skip}]\n",
     {"bad.yaml:6:3: error: a green canary must name a test that must pass, or it cannot tell a "
      "healthy run from a deleted guard"}},

    // Every error of a file in one pass, at every level.
    {"many_errors_in_one_pass",
     "canary: bad-backup\n"
     "about: missed marker\n"
     "recipe: custom-html-tiny\n"
     "sha: 5d41402abc4b2a76b9719d911017c592\n"
     "labels: [canary_fast]\n"
     "timeout: 5 minutes\n"
     "expect:\n"
     "  fails_at: backup\n"
     "  tiers: {install: pass, backup: skip}\n"
     "  flags: {clean_teardown: ture}\n"
     "  tests:\n"
     "    - {tier: backup, name: test_backup_captures_state, status: pass}\n"
     "xfail: {reason: empty snapshot}\n",
     {"bad.yaml:4:6: error: 'sha' must be 40 hex digits, not 32 characters",
      "bad.yaml:6:10: error: malformed duration '5 minutes' for 'timeout' (use 90s, 5m, "
      "1h30m, 500ms or a number of seconds)",
      "bad.yaml:9:26: error: tier 'backup' is listed as skip, but 'fails_at: backup' says it fails",
      "bad.yaml:10:27: error: 'clean_teardown' must be true or false, not 'ture'",
      "bad.yaml:11:3: error: a red canary must name a test that must fail in tier 'backup'" +
          kTeethRed,
      "bad.yaml:13:8: error: 'xfail' must name the harness bug: add 'bug' (an issue, e.g. "
      "\"#17\")"}},
};

class InvalidSpec : public ::testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidSpec, ReportsEveryErrorAndNoSpec) {
  const InvalidRow& row = GetParam();
  const SpecFile file = load_spec("bad.yaml", row.yaml);
  EXPECT_THAT(formatted(file.diagnostics), ElementsAreArray(row.diagnostics));
  EXPECT_FALSE(file.spec.has_value());
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.path, "bad.yaml");
}

INSTANTIATE_TEST_SUITE_P(Rows, InvalidSpec, ::testing::ValuesIn(kInvalidRows),
                         [](const auto& row) { return row.param.name; });

TEST(LoadSpec, BinaryGarbageIsADiagnosticNotACrash) {
  const std::string garbage("\0\xff\xfe{[:\t\x01", 9);
  const SpecFile file = load_spec("bad.yaml", garbage);
  EXPECT_FALSE(file.ok());
  EXPECT_FALSE(file.diagnostics.empty());
}

TEST(LoadSpec, DeepNestingIsADiagnosticNotACrash) {
  const std::string deep = kPinned + "expect: " + std::string(100000, '[') + "\n";
  const SpecFile file = load_spec("bad.yaml", deep);
  EXPECT_FALSE(file.ok());
  ASSERT_FALSE(file.diagnostics.empty());
  EXPECT_THAT(format(file.diagnostics[0]), ::testing::HasSubstr("invalid YAML"));
}

}  // namespace
}  // namespace canary
