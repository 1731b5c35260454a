#include "run_result_text.hpp"

#include <canary/results_parser.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {
namespace {

struct ValidCase {
  const char* name;
  std::string json;
  std::string expected;  // testing::to_text of the result
};

void PrintTo(const ValidCase& row, std::ostream* out) { *out << row.name; }

const std::vector<ValidCase> kValidCases = {
    {"schema1_minimal",
     R"json({"results": {"install": "pass", "upgrade": "pass", "backup": "fail", "restore": "skip", "custom": "skip"}})json",
     "schema 1\ntier install pass\ntier upgrade pass\ntier backup fail\ntier restore skip\ntier "
     "custom skip\n"},
    {"schema1_metadata",
     R"json({"recipe": "custom-html-tiny", "ref": "0123abcd", "run_id": "r-1", "finished": "2024-05-01T10:00:00Z",
             "results": {"install": "pass"}})json",
     "schema 1\nrecipe custom-html-tiny\nref 0123abcd\nrun_id r-1\nfinished "
     "2024-05-01T10:00:00Z\ntier install pass\n"},
    {"schema1_tiers_in_lifecycle_order_whatever_the_document_order",
     R"json({"results": {"custom": "pass", "backup": "pass", "install": "pass", "restore": "pass", "upgrade": "pass"}})json",
     "schema 1\ntier install pass\ntier upgrade pass\ntier backup pass\ntier restore pass\ntier "
     "custom pass\n"},
    {"status_words_case_insensitive",
     R"json({"results": {"install": "PASS", "upgrade": "Fail", "backup": "SKIP", "restore": "Error", "custom": "UnVer"}})json",
     "schema 1\ntier install pass\ntier upgrade fail\ntier backup skip\ntier restore error\ntier "
     "custom unver\n"},
    {"na_means_skip",
     R"json({"results": {"install": "pass", "backup": "na", "restore": "NA"}})json",
     "schema 1\ntier install pass\ntier backup skip\ntier restore skip\n"},
    {"extra_tiers_after_standard_ones_in_document_order",
     R"json({"results": {"smoke": "pass", "custom": "pass", "lint": "fail", "install": "pass"}})json",
     "schema 1\ntier install pass\ntier custom pass\ntier smoke pass\ntier lint fail\n"},
    {"schema2_stages_only",
     R"json({"stages": [
        {"name": "install", "status": "pass", "tests": [{"name": "test_serving", "status": "pass", "ms": 812}]},
        {"name": "backup", "status": "fail", "tests": [
          {"name": "test_backup_captures_state", "status": "fail", "ms": 40.5},
          {"name": "test_backup_artifact", "status": "pass"}]}]})json",
     "schema 2\ntier install pass\n  test test_serving pass 812ms\ntier backup fail\n"
     "  test test_backup_captures_state fail 40.5ms\n  test test_backup_artifact pass\n"},
    // The status is still `results`', but the contradiction is kept for the evaluator to judge.
    {"mixed_results_win_over_stage_status_and_the_clash_is_kept",
     R"json({"results": {"install": "pass", "backup": "pass"},
             "stages": [{"name": "backup", "status": "fail", "tests": [{"name": "t", "status": "fail"}]}]})json",
     "schema 2\ntier install pass\ntier backup pass\n  test t fail\n"
     "inconsistent backup: results says pass; the stage says fail; test t says fail\n"},
    {"skip_in_results_while_a_test_errored",
     R"json({"results": {"custom": "skip"},
             "stages": [{"name": "custom", "status": "skip", "tests": [{"name": "a", "status": "pass"}, {"name": "b", "status": "error"}]}]})json",
     "schema 2\ntier custom skip\n  test a pass\n  test b error\n"
     "inconsistent custom: results says skip; test b says error\n"},
    {"fail_in_results_over_a_passing_stage_is_no_clash",
     R"json({"results": {"backup": "fail"}, "stages": [{"name": "backup", "status": "pass", "tests": []}]})json",
     "schema 2\ntier backup fail\n"},
    {"mixed_stage_gives_tiers_results_lacks",
     R"json({"stages": [{"name": "custom", "status": "fail", "tests": []}],
             "results": {"install": "pass"}})json",
     "schema 2\ntier install pass\ntier custom fail\n"},
    {"mixed_stage_without_status_takes_it_from_results",
     R"json({"results": {"restore": "error"}, "stages": [{"name": "restore", "tests": [{"name": "t", "status": "error"}]}]})json",
     "schema 2\ntier restore error\n  test t error\n"},
    {"stage_name_after_its_tests",
     R"json({"stages": [{"tests": [{"status": "pass", "name": "test_a"}], "status": "pass", "name": "upgrade"}]})json",
     "schema 2\ntier upgrade pass\n  test test_a pass\n"},
    {"same_test_name_in_two_tiers",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "t", "status": "pass"}]},
                        {"name": "upgrade", "status": "pass", "tests": [{"name": "t", "status": "skip"}]}]})json",
     "schema 2\ntier install pass\n  test t pass\ntier upgrade pass\n  test t skip\n"},
    {"level_rungs_flags",
     R"json({"results": {"install": "pass"}, "level": 5,
             "rungs": {"install": "pass", "backup_restore": "na", "lint": "FAIL"},
             "flags": {"clean_teardown": true, "no_secret_leak": false}})json",
     "schema 2\ntier install pass\nlevel 5\nrung backup_restore skip\nrung install pass\nrung lint "
     "fail\n"
     "flag clean_teardown true\nflag no_secret_leak false\n"},
    {"level_zero_and_whole_float", R"json({"results": {"install": "pass"}, "level": 3.0})json",
     "schema 2\ntier install pass\nlevel 3\n"},
    {"skips_map",
     R"json({"results": {"install": "pass", "backup": "skip", "restore": "na"},
             "skips": {"backup": "recipe has no backup", "restore": "nothing to restore"}})json",
     "schema 2\ntier install pass\ntier backup skip (recipe has no backup)\ntier restore skip "
     "(nothing to restore)\n"},
    {"skips_array_with_tier_or_name",
     R"json({"results": {"install": "pass", "backup": "skip", "custom": "skip"},
             "skips": [{"tier": "backup", "reason": "no volumes"}, {"name": "custom", "reason": "no tests/"}]})json",
     "schema 2\ntier install pass\ntier backup skip (no volumes)\ntier custom skip (no tests/)\n"},
    {"skips_before_the_tiers_they_explain",
     R"json({"skips": {"backup": "later"}, "results": {"backup": "skip"}})json",
     "schema 2\ntier backup skip (later)\n"},
    {"explicit_schema_1", R"json({"schema": 1, "results": {"install": "pass"}})json",
     "schema 1\ntier install pass\n"},
    {"explicit_schema_2_without_schema2_keys",
     R"json({"schema": 2, "results": {"install": "pass"}})json", "schema 2\ntier install pass\n"},
    {"unknown_keys_allowed_anywhere",
     R"json({"harness": {"name": "cc-ci", "nested": [1, {"deep": [null, true, 2.5]}], "results": "not this"},
             "results": {"install": "pass"}, "duration_s": 12.5, "tags": ["a", "b"],
             "stages": [{"name": "install", "status": "pass", "log": "install.log", "extra": {"status": 7},
                         "tests": [{"name": "t", "status": "pass", "file": "tests/t.sh", "meta": [[], {}]}]}]})json",
     "schema 2\ntier install pass\n  test t pass\n"},
    {"unicode_names_and_escapes",
     R"json({"results": {"install": "pass", "d\u00e9ploiement": "fail"},
             "stages": [{"name": "install", "status": "pass", "tests": [{"name": "test_caf\u00e9_\"quoted\"", "status": "pass"}]}]})json",
     "schema 2\ntier install pass\n  test test_café_\"quoted\" pass\ntier déploiement fail\n"},
    {"whitespace_around_the_document", "\n\t  {\"results\": {\"install\": \"pass\"}}  \r\n",
     "schema 1\ntier install pass\n"},
    // No tier ran: a report to judge (every expected tier or test is a finding), not malformed.
    {"no_tier_run", R"json({"results": {}, "stages": []})json", "schema 2\n"},
    {"empty_stages_list_with_results", R"json({"results": {"install": "pass"}, "stages": []})json",
     "schema 2\ntier install pass\n"},
};

class ParseValid : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ParseValid, ProducesTheRunResult) {
  const ValidCase& row = GetParam();
  const ParsedResults parsed = parse_results(row.json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(testing::to_text(parsed.result), row.expected);
}

TEST_P(ParseValid, NeverSetsExitCodeOrToolError) {
  const ParsedResults parsed = parse_results(GetParam().json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_FALSE(parsed.result.exit_code.has_value());
  EXPECT_FALSE(parsed.result.exit_code_derived);
  EXPECT_FALSE(parsed.result.tool_error.has_value());
}

INSTANTIATE_TEST_SUITE_P(Documents, ParseValid, ::testing::ValuesIn(kValidCases),
                         [](const auto& row) { return std::string(row.param.name); });

}  // namespace
}  // namespace canary
