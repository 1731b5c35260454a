#include <canary/results_parser.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {
namespace {

struct MalformedCase {
  const char* name;
  std::string json;
  std::string error;  // the whole message, source and JSON path included
};

void PrintTo(const MalformedCase& row, std::ostream* out) { *out << row.name; }

constexpr const char* kStatusWords = "(expected pass, fail, skip, na, error or unver)";

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

const std::vector<MalformedCase> kMalformedCases = {
    // The document itself.
    {"empty", "", "results.json: empty, no JSON document"},
    {"only_whitespace", " \n\t\r\n ", "results.json: only whitespace, no JSON document"},
    {"truncated_object", R"json({"results": {"install": "pass")json",
     "results.json: truncated JSON at line 1, column 31: syntax error while parsing object - "
     "unexpected end of input; expected '}'"},
    {"truncated_inside_a_string", "{\"results\": {\"install\": \"pa",
     "results.json: truncated JSON at line 1, column 28: syntax error while parsing value - "
     "invalid string: missing closing quote; last read: '\"pa'"},
    {"truncated_on_a_later_line", "{\n  \"results\": {\n    \"install\": \"pass\",\n",
     "results.json: truncated JSON at line 4, column 1: syntax error while parsing object key - "
     "unexpected end of input; expected string literal"},
    {"invalid_utf8_in_a_string", "{\"results\": {\"install\": \"pa\xff\"}}",
     "results.json: invalid JSON at line 1, column 28: syntax error while parsing value - "
     "invalid string: ill-formed UTF-8 byte; last read: '\"pa\\xFF'"},
    {"invalid_utf8_outside_strings", "{\"results\": \xc3\x28}",
     "results.json: invalid JSON at line 1, column 13: syntax error while parsing value - "
     "invalid literal; last read: '\"results\": \\xC3'"},
    {"trailing_garbage", R"json({"results": {"install": "pass"}} x)json",
     "results.json: invalid JSON at line 1, column 34: syntax error while parsing value - "
     "invalid literal; last read: '\"pass\"}} x'; expected end of input"},
    // nlohmann's lexer stops at a NUL and would take the first document alone; so would a
    // careless fast path: both must refuse what follows.
    {"nul_then_another_document",
     std::string(R"json({"results": {"install": "pass"}})json") + '\0' +
         R"json({"results":{"install":"fail"}})json",
     "results.json: trailing bytes after the JSON document at byte offset 32 (a NUL byte)"},
    {"document_then_whitespace_then_nul",
     std::string(R"json({"results": {"install": "pass"}})json") + "\n" + '\0',
     "results.json: trailing bytes after the JSON document at byte offset 33 (a NUL byte)"},
    {"number_overflow", R"json({"results": {"install": "pass"}, "level": 1e999})json",
     "results.json: invalid JSON at byte 47: number overflow parsing '1e999'"},
    {"top_level_array", R"json([{"results": {"install": "pass"}}])json",
     "results.json: $: expected an object, got an array"},
    {"top_level_string", R"json("pass")json", "results.json: $: expected an object, got a string"},
    {"top_level_deeply_nested_arrays", nested_arrays(100000),
     "results.json: $: expected an object, got an array"},
    {"nothing_to_judge", R"json({"recipe": "x", "level": 5})json",
     "results.json: $: nothing to judge: neither 'results' nor 'stages' is present"},
    {"duplicate_top_level_key",
     R"json({"results": {"install": "pass"}, "results": {"install": "fail"}})json",
     "results.json: $: duplicate key 'results'"},
    // Schema.
    {"schema_1_with_stages",
     R"json({"schema": 1, "results": {"install": "pass"}, "stages": []})json",
     "results.json: $.schema: 1, but the document has the schema-2 key 'stages'"},
    {"schema_1_with_flags_before_it",
     R"json({"flags": {}, "results": {"install": "pass"}, "schema": 1})json",
     "results.json: $.schema: 1, but the document has the schema-2 key 'flags'"},
    {"schema_unknown_number", R"json({"schema": 3, "results": {"install": "pass"}})json",
     "results.json: $.schema: expected 1 or 2, got 3"},
    {"schema_a_string", R"json({"schema": "2", "results": {"install": "pass"}})json",
     "results.json: $.schema: expected 1 or 2, got a string"},
    {"metadata_not_a_string", R"json({"recipe": 5, "results": {"install": "pass"}})json",
     "results.json: $.recipe: expected a string, got 5"},
    // results.
    {"results_an_array", R"json({"results": ["install"]})json",
     "results.json: $.results: expected an object, got an array"},
    {"status_a_number", R"json({"results": {"install": 1}})json",
     "results.json: $.results.install: expected a status word, got 1"},
    {"status_null", R"json({"results": {"install": null}})json",
     "results.json: $.results.install: expected a status word, got null"},
    {"status_an_object", R"json({"results": {"install": {"status": "pass"}}})json",
     "results.json: $.results.install: expected a status word, got an object"},
    {"unknown_status_word", R"json({"results": {"install": "passed"}})json",
     std::string("results.json: $.results.install: unknown status 'passed' ") + kStatusWords},
    {"unknown_status_is_quoted_escaped_and_cut",
     R"json({"results": {"install": "pa\nss)json" + std::string(100, 'x') + R"json("}})json",
     std::string("results.json: $.results.install: unknown status 'pa\\nss") +
         std::string(59, 'x') + "...' " + kStatusWords},
    {"odd_tier_name_in_path", R"json({"results": {"my tier": 3}})json",
     "results.json: $.results[\"my tier\"]: expected a status word, got 3"},
    {"empty_tier_name", R"json({"results": {"": "pass"}})json",
     "results.json: $.results[\"\"]: empty tier name"},
    {"duplicate_tier_in_results", R"json({"results": {"backup": "fail", "backup": "pass"}})json",
     "results.json: $.results: duplicate key 'backup'"},
    // stages and tests.
    {"stages_an_object", R"json({"stages": {"install": "pass"}})json",
     "results.json: $.stages: expected an array, got an object"},
    {"stage_a_string", R"json({"stages": ["install"]})json",
     "results.json: $.stages[0]: expected an object, got a string"},
    {"stage_without_name",
     R"json({"stages": [{"name": "install", "status": "pass"}, {"status": "pass", "tests": []}]})json",
     "results.json: $.stages[1]: missing 'name'"},
    {"stage_name_a_number", R"json({"stages": [{"name": 3, "status": "pass"}]})json",
     "results.json: $.stages[0].name: expected a string, got 3"},
    {"stage_name_empty", R"json({"stages": [{"name": "", "status": "pass"}]})json",
     "results.json: $.stages[0].name: empty name"},
    {"stage_status_unknown", R"json({"stages": [{"name": "install", "status": "ok"}]})json",
     std::string("results.json: $.stages[0].status: unknown status 'ok' ") + kStatusWords},
    {"stage_without_status_and_no_results_entry",
     R"json({"results": {"upgrade": "pass"}, "stages": [{"name": "install", "tests": []}]})json",
     "results.json: $.stages[0]: missing 'status' (and 'results' does not give tier 'install')"},
    {"duplicate_stage",
     R"json({"stages": [{"name": "install", "status": "pass"}, {"name": "backup", "status": "fail"},
                        {"name": "backup", "status": "pass"}]})json",
     "results.json: $.stages[2].name: duplicate stage 'backup' (first at $.stages[1])"},
    {"duplicate_key_in_a_stage",
     R"json({"stages": [{"name": "install", "name": "upgrade", "status": "pass"}]})json",
     "results.json: $.stages[0]: duplicate key 'name'"},
    {"tests_an_object",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": {}}]})json",
     "results.json: $.stages[0].tests: expected an array, got an object"},
    {"test_status_unknown_deep_path",
     R"json({"stages": [{"name": "install", "status": "pass"}, {"name": "upgrade", "status": "pass"},
                        {"name": "backup", "status": "fail", "tests": [{"name": "t", "status": "passed"}]}]})json",
     std::string("results.json: $.stages[2].tests[0].status: unknown status 'passed' ") +
         "(expected pass, fail, skip, na, error, unver, xfail or xpass)"},
    {"tier_status_xfail_is_a_test_status",
     R"json({"results": {"custom": "xfail"}})json",
     std::string("results.json: $.results.custom: test-only status 'xfail' ") + kStatusWords},
    {"test_without_status",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "a", "status": "pass"}, {"name": "b"}]}]})json",
     "results.json: $.stages[0].tests[1]: missing 'status'"},
    {"test_without_name",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"status": "pass"}]}]})json",
     "results.json: $.stages[0].tests[0]: missing 'name'"},
    {"test_name_empty",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "", "status": "pass"}]}]})json",
     "results.json: $.stages[0].tests[0].name: empty name"},
    {"duplicate_test_in_a_tier",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [
        {"name": "t", "status": "fail"}, {"name": "u", "status": "pass"}, {"name": "t", "status": "pass"}]}]})json",
     "results.json: $.stages[0].tests[2].name: duplicate test 't' in tier 'install' (first at "
     "$.stages[0].tests[0].name)"},
    {"ms_a_string",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "t", "status": "pass", "ms": "812"}]}]})json",
     "results.json: $.stages[0].tests[0].ms: expected a non-negative number, got a string"},
    {"ms_negative",
     R"json({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "t", "status": "pass", "ms": -5}]}]})json",
     "results.json: $.stages[0].tests[0].ms: expected a non-negative number, got -5"},
    // level, rungs, flags, skips.
    {"level_a_string", R"json({"results": {"install": "pass"}, "level": "5"})json",
     "results.json: $.level: expected a non-negative integer, got a string"},
    {"level_with_a_fraction", R"json({"results": {"install": "pass"}, "level": 2.5})json",
     "results.json: $.level: expected a non-negative integer, got 2.5"},
    {"level_negative", R"json({"results": {"install": "pass"}, "level": -1})json",
     "results.json: $.level: expected a non-negative integer, got -1"},
    {"level_out_of_range", R"json({"results": {"install": "pass"}, "level": 4294967296})json",
     "results.json: $.level: 4294967296 is out of range (at most 2147483647)"},
    {"rung_status_unknown",
     R"json({"results": {"install": "pass"}, "rungs": {"lint": "green"}})json",
     std::string("results.json: $.rungs.lint: unknown status 'green' ") + kStatusWords},
    {"flag_a_string",
     R"json({"results": {"install": "pass"}, "flags": {"clean_teardown": "yes"}})json",
     "results.json: $.flags.clean_teardown: expected true or false, got a string"},
    {"flag_a_number", R"json({"results": {"install": "pass"}, "flags": {"no_secret_leak": 1}})json",
     "results.json: $.flags.no_secret_leak: expected true or false, got 1"},
    {"duplicate_flag",
     R"json({"results": {"install": "pass"}, "flags": {"clean_teardown": false, "clean_teardown": true}})json",
     "results.json: $.flags: duplicate key 'clean_teardown'"},
    {"skips_a_string", R"json({"results": {"install": "pass"}, "skips": "none"})json",
     "results.json: $.skips: expected an object or an array, got a string"},
    {"skip_reason_not_a_string",
     R"json({"results": {"backup": "skip"}, "skips": {"backup": false}})json",
     "results.json: $.skips.backup: expected a string, got false"},
    {"skip_for_a_tier_nobody_reports",
     R"json({"results": {"install": "pass"}, "skips": {"backup": "no volumes"}})json",
     "results.json: $.skips.backup: skip reason for tier 'backup', which neither 'results' nor "
     "'stages' reports"},
    {"skip_entry_without_reason",
     R"json({"results": {"backup": "skip"}, "skips": [{"tier": "backup"}]})json",
     "results.json: $.skips[0]: missing 'reason'"},
    {"skip_entry_without_tier",
     R"json({"results": {"backup": "skip"}, "skips": [{"reason": "x"}]})json",
     "results.json: $.skips[0]: missing 'tier' (or 'name')"},
    {"skip_entry_with_tier_and_name",
     R"json({"results": {"backup": "skip"}, "skips": [{"tier": "backup", "name": "backup", "reason": "x"}]})json",
     "results.json: $.skips[0]: has both 'tier' and 'name'"},
    {"duplicate_skip_entries",
     R"json({"results": {"backup": "skip"}, "skips": [{"tier": "backup", "reason": "x"}, {"name": "backup", "reason": "y"}]})json",
     "results.json: $.skips[1]: duplicate skip reason for tier 'backup' (first at $.skips[0])"},
};

class ParseMalformed : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(ParseMalformed, IsAnErrorNamingTheJsonPath) {
  const MalformedCase& row = GetParam();
  const ParsedResults parsed = parse_results(row.json, "results.json");
  EXPECT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error, row.error);
}

INSTANTIATE_TEST_SUITE_P(Documents, ParseMalformed, ::testing::ValuesIn(kMalformedCases),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(ParseMalformed, MessagesCarryNoRawInputBytes) {
  for (const MalformedCase& row : kMalformedCases) {
    const std::string error = parse_results(row.json, "results.json").error;
    for (const char c : error) {
      EXPECT_LT(static_cast<unsigned char>(c), 0x80) << row.name << ": " << error;
    }
  }
}

}  // namespace
}  // namespace canary
