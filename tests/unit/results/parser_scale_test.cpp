#include <canary/results_parser.hpp>

#include <gtest/gtest.h>

#include <string>

namespace canary {
namespace {

// `"x0": "pass", "x1": "pass", ...` for `count` extra tiers.
std::string extra_tiers(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i)
    out += (i > 0 ? ", \"x" : "\"x") + std::to_string(i) + "\": \"pass\"";
  return out;
}

// `{"name": "t0", "status": "pass"}, ...` for `count` tests.
std::string tests(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += (i > 0 ? ", {\"name\": \"t" : "{\"name\": \"t") + std::to_string(i) +
           "\", \"status\": \"pass\"}";
  }
  return out;
}

TEST(ParseScale, ManyExtraTiersKeepDocumentOrderAfterStandardOnes) {
  const std::string json =
      "{\"results\": {" + extra_tiers(1000) + ", \"backup\": \"fail\", \"install\": \"pass\"}}";
  const ParsedResults parsed = parse_results(json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_EQ(parsed.result.tiers.size(), 1002u);
  EXPECT_EQ(parsed.result.tiers[0].name, "install");
  EXPECT_EQ(parsed.result.tiers[1].name, "backup");
  EXPECT_EQ(parsed.result.tiers[1].status, Status::fail);
  for (std::size_t i = 0; i < 1000; ++i)
    ASSERT_EQ(parsed.result.tiers[i + 2].name, "x" + std::to_string(i));
}

TEST(ParseScale, DuplicateTierFoundPastTheLinearScan) {
  const std::string json = "{\"results\": {" + extra_tiers(40) + ", \"x30\": \"fail\"}}";
  EXPECT_EQ(parse_results(json, "results.json").error,
            "results.json: $.results: duplicate key 'x30'");
}

TEST(ParseScale, SkipReasonFoundPastTheLinearScan) {
  const std::string json =
      "{\"results\": {" + extra_tiers(40) + "}, \"skips\": {\"x33\": \"why\"}}";
  const ParsedResults parsed = parse_results(json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.result.find_tier("x33")->skip_reason, "why");
  EXPECT_EQ(parsed.result.find_tier("x32")->skip_reason, "");
}

TEST(ParseScale, DuplicateTestFoundPastThePairwiseScan) {
  const std::string json =
      "{\"stages\": [{\"name\": \"custom\", \"status\": \"pass\", \"tests\": [" + tests(100) +
      ", {\"name\": \"t57\", \"status\": \"fail\"}]}]}";
  EXPECT_EQ(parse_results(json, "results.json").error,
            "results.json: $.stages[0].tests[100].name: duplicate test 't57' in tier 'custom' "
            "(first at $.stages[0].tests[57].name)");
}

// Quadratic duplicate checks would take minutes here; linear ones take milliseconds.
TEST(ParseScale, ThirtyThousandTestsInOneTier) {
  const std::string json =
      "{\"stages\": [{\"name\": \"custom\", \"status\": \"pass\", \"tests\": [" + tests(30000) +
      "]}]}";
  const ParsedResults parsed = parse_results(json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_EQ(parsed.result.tiers.size(), 1u);
  EXPECT_EQ(parsed.result.tiers[0].tests.size(), 30000u);
  EXPECT_EQ(parsed.result.tiers[0].tests.back().name, "t29999");
}

TEST(ParseScale, DeepNestingUnderAnIgnoredKey) {
  const std::string json = "{\"harness\": " + std::string(200000, '[') + std::string(200000, ']') +
                           ", \"results\": {\"install\": \"pass\"}}";
  const ParsedResults parsed = parse_results(json, "results.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.result.tiers.size(), 1u);
}

}  // namespace
}  // namespace canary
