#include "spec_test_support.hpp"

#include <canary/spec_loader.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <functional>

namespace canary {
namespace {

using testing::dump;
using testing::formatted;

// Written independently of the loader, checked against published FNV-1a vectors below.
std::string fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex;
}

TEST(SpecHash, ReferenceFnv1a64MatchesPublishedVectors) {
  EXPECT_EQ(fnv1a64(""), "fnv1a64:cbf29ce484222325");
  EXPECT_EQ(fnv1a64("a"), "fnv1a64:af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a64("foobar"), "fnv1a64:85944171f73967e8");
}

const std::string kPinned =
    "canary: sample\n"
    "recipe: custom-html-tiny\n"
    "sha: 0123456789abcdef0123456789abcdef01234567\n";

// What kPinned alone loads to, before a row's own expectations.
CanarySpec pinned_spec(const std::string& text) {
  CanarySpec spec;
  spec.id = "sample";
  spec.recipe = "custom-html-tiny";
  spec.sha = "0123456789abcdef0123456789abcdef01234567";
  spec.expect.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  spec.path = "sample.yaml";
  spec.hash = fnv1a64(text);
  return spec;
}

struct ValidRow {
  std::string name;
  std::string yaml;
  std::function<void(CanarySpec&)> expected;  // applied to pinned_spec()
  LoadOptions options = {};
};

// Names the row in failure messages instead of dumping its bytes.
void PrintTo(const ValidRow& row, std::ostream* out) { *out << '"' << row.name << '"'; }

const ValidRow kValidRows[] = {
    {"minimal_green",
     kPinned + "expect:\n  verdict: green\n  tests:\n    - {tier: install, name: test_serving, "
               "status: pass}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "test_serving", Status::pass}};
     }},
    {"fails_at_fills_in_red",
     kPinned + "expect:\n  fails_at: backup\n  tests:\n    - {tier: backup, name: test_backup_*, "
               "status: fail}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.fails_at = "backup";
       s.expect.tests = {{"backup", "test_backup_*", Status::fail}};
     }},
    {"every_top_level_key",
     "canary: sample\n"
     "about: The server must report GREEN for a healthy recipe.\n"
     "recipe: custom-html-tiny\n"
     "ref: healthy\n"
     "sha: 0123456789abcdef0123456789abcdef01234567\n"
     "labels: [canary_fast, canary, Nightly_2]\n"
     "timeout: 1m30s\n"
     "harness: cc-ci_v2\n"
     "expect:\n  verdict: green\n  tests: [{tier: custom, name: test_ok, status: pass}]\n",
     [](CanarySpec& s) {
       s.about = "The server must report GREEN for a healthy recipe.";
       s.ref = "healthy";
       s.labels = {"canary_fast", "canary", "Nightly_2"};
       s.timeout = std::chrono::seconds(90);
       s.harness = "cc-ci_v2";
       s.expect.verdict = Color::green;
       s.expect.tests = {{"custom", "test_ok", Status::pass}};
     }},
    {"upper_case_sha_stored_lower",
     "canary: sample\nrecipe: custom-html-tiny\nsha: 0123456789ABCDEF0123456789abcdefABCDEF01\n"
     "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.sha = "0123456789abcdef0123456789abcdefabcdef01";
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"timeout_bare_seconds",
     kPinned + "timeout: 300\nexpect: {verdict: green, tests: [{tier: install, name: t, status: "
               "pass}]}\n",
     [](CanarySpec& s) {
       s.timeout = std::chrono::seconds(300);
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"timeout_hours_and_minutes",
     kPinned + "timeout: 2h5m\nexpect: {verdict: green, tests: [{tier: install, name: t, status: "
               "pass}]}\n",
     [](CanarySpec& s) {
       s.timeout = std::chrono::seconds(7500);
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"full_expect_vocabulary",
     kPinned + "expect:\n"
               "  verdict: red\n"
               "  exit_code: 2\n"
               "  tiers: {install: pass, upgrade: PASS, backup: fail, restore: na, custom: Skip}\n"
               "  level: 3\n"
               "  flags: {clean_teardown: false}\n"
               "  tests:\n"
               "    - {tier: backup, name: 'test_backup_[a-z]*', status: FAIL}\n"
               "    - {tier: install, name: test_serving, status: pass}\n"
               "    - {tier: restore, name: 'test_restore?', status: unver}\n"
               "    - {tier: custom, name: test_x, status: error}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.exit_code = 2;
       s.expect.tiers = {{"install", Status::pass},
                         {"upgrade", Status::pass},
                         {"backup", Status::fail},
                         {"restore", Status::skip},
                         {"custom", Status::skip}};
       s.expect.level = 3;
       s.expect.flags["clean_teardown"] = false;
       s.expect.tests = {{"backup", "test_backup_[a-z]*", Status::fail},
                         {"install", "test_serving", Status::pass},
                         {"restore", "test_restore?", Status::unver},
                         {"custom", "test_x", Status::error}};
     }},
    {"no_tier_run_is_red_with_its_teeth_in_the_absent_tiers",
     kPinned + "expect:\n  verdict: red\n  exit_code: 1\n"
               "  tiers: {install: not_run, upgrade: NOT_RUN, backup: not_run, restore: not_run,"
               " custom: not_run}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.exit_code = 1;
       s.expect.tiers = {{"install", Status::not_run},
                         {"upgrade", Status::not_run},
                         {"backup", Status::not_run},
                         {"restore", Status::not_run},
                         {"custom", Status::not_run}};
     }},
    {"flags_given_true_stay_true",
     kPinned + "expect:\n  verdict: green\n  flags: {no_secret_leak: true, clean_teardown: True}\n"
               "  tests: [{tier: install, name: t, status: pass}]\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"level_zero",
     kPinned +
         "expect: {verdict: green, level: 0, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.level = 0;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"exit_code_zero_alone_is_green",
     kPinned + "expect: {exit_code: 0, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.expect.exit_code = 0;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"exit_code_non_zero_alone_is_red",
     kPinned + "expect: {exit_code: 1, tests: [{tier: upgrade, name: t, status: fail}]}\n",
     [](CanarySpec& s) {
       s.expect.exit_code = 1;
       s.expect.tests = {{"upgrade", "t", Status::fail}};
     }},
    {"red_verdict_fails_in_a_listed_tier",
     kPinned + "expect:\n  verdict: Red\n  tiers: {custom: fail}\n"
               "  tests: [{tier: custom, name: test_content_type*, status: fail}]\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tiers = {{"custom", Status::fail}};
       s.expect.tests = {{"custom", "test_content_type*", Status::fail}};
     }},
    {"fails_at_with_consistent_tiers",
     kPinned + "expect:\n  fails_at: restore\n  exit_code: 1\n"
               "  tiers: {install: pass, backup: pass, restore: fail, custom: skip}\n"
               "  tests: [{tier: restore, name: test_restore, status: fail}]\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.fails_at = "restore";
       s.expect.exit_code = 1;
       s.expect.tiers = {{"install", Status::pass},
                         {"backup", Status::pass},
                         {"restore", Status::fail},
                         {"custom", Status::skip}};
       s.expect.tests = {{"restore", "test_restore", Status::fail}};
     }},
    {"xfail_with_reason",
     kPinned + "xfail: {bug: \"#17\", reason: backup tier reports pass on an empty snapshot}\n"
               "expect: {fails_at: backup, tests: [{tier: backup, name: t, status: fail}]}\n",
     [](CanarySpec& s) {
       s.xfail = XFail{"#17", "backup tier reports pass on an empty snapshot"};
       s.expect.verdict = Color::red;
       s.expect.fails_at = "backup";
       s.expect.tests = {{"backup", "t", Status::fail}};
     }},
    {"flaky_with_reruns",
     kPinned + "flaky: {bug: \"https://example.org/ci/issues/9\", reruns: 3}\n"
               "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.flaky = Flaky{"https://example.org/ci/issues/9", 3};
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"flaky_reruns_default_to_one",
     kPinned + "flaky:\n  bug: \"#9\"\n"
               "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.flaky = Flaky{"#9", 1};
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"xfail_bug_only",
     kPinned + "xfail:\n  bug: https://example.org/ci/issues/4\n"
               "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.xfail = XFail{"https://example.org/ci/issues/4", ""};
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"extra_tier_declared_by_profile",
     kPinned + "expect:\n  fails_at: smoke\n  tiers: {smoke: fail}\n"
               "  tests: [{tier: smoke, name: test_smoke, status: fail}]\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.fails_at = "smoke";
       s.expect.tiers = {{"smoke", Status::fail}};
       s.expect.tests = {{"smoke", "test_smoke", Status::fail}};
     },
     LoadOptions{{"smoke"}}},
    {"whole_document_in_flow_style",
     "{canary: sample, recipe: custom-html-tiny, sha: \"0123456789abcdef0123456789abcdef01234567\","
     " expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}}\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"document_markers_and_comments",
     "# a healthy recipe\n---\n" + kPinned +
         "expect:  # judged on the verdict\n  verdict: green\n"
         "  tests: [{tier: install, name: t, status: pass}]\n---\n",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
    {"numeric_id",
     "canary: 404-page\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
     "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n",
     [](CanarySpec& s) {
       s.id = "404-page";
       s.recipe = "r";
       s.expect.verdict = Color::green;
       s.expect.tests = {{"install", "t", Status::pass}};
     }},
};

class ValidSpec : public ::testing::TestWithParam<ValidRow> {};

TEST_P(ValidSpec, LoadsToExpectedSpec) {
  const ValidRow& row = GetParam();
  const SpecFile file = load_spec("sample.yaml", row.yaml, row.options);
  EXPECT_THAT(formatted(file.diagnostics), ::testing::IsEmpty());
  ASSERT_TRUE(file.ok());
  CanarySpec expected = pinned_spec(row.yaml);
  row.expected(expected);
  EXPECT_EQ(dump(*file.spec), dump(expected));
  EXPECT_EQ(file.path, "sample.yaml");
}

INSTANTIATE_TEST_SUITE_P(Rows, ValidSpec, ::testing::ValuesIn(kValidRows),
                         [](const auto& row) { return row.param.name; });

TEST(SpecHash, DependsOnEveryByte) {
  const std::string text =
      kPinned + "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n";
  const SpecFile a = load_spec("a.yaml", text);
  const SpecFile b = load_spec("a.yaml", text + "# comment\n");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.spec->hash, fnv1a64(text));
  EXPECT_NE(a.spec->hash, b.spec->hash);
}

}  // namespace
}  // namespace canary
