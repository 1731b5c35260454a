#include <canary/teeth.hpp>

#include "support/model.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace canary {
namespace {

using ExpectChange = testing::SpecChange;

struct ShapeCase {
  const char* name;
  ExpectChange change;
};

void PrintTo(const ShapeCase& row, std::ostream* out) { *out << row.name; }

const TestExpectation kBackupFails{"backup", "test_backup_captures_state", Status::fail};

const ShapeCase kShapes[] = {
    {"nothing", [](CanarySpec&) {}},
    {"green", [](CanarySpec& s) { s.expect.verdict = Color::green; }},
    {"red", [](CanarySpec& s) { s.expect.verdict = Color::red; }},
    {"red_with_failing_test",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tests = {kBackupFails};
     }},
    {"fails_at_install", [](CanarySpec& s) { s.expect.fails_at = "install"; }},
    {"fails_at_upgrade", [](CanarySpec& s) { s.expect.fails_at = "upgrade"; }},
    {"fails_at_backup", [](CanarySpec& s) { s.expect.fails_at = "backup"; }},
    {"fails_at_restore", [](CanarySpec& s) { s.expect.fails_at = "restore"; }},
    {"fails_at_custom", [](CanarySpec& s) { s.expect.fails_at = "custom"; }},
    {"red_by_tiers",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tiers = {{"upgrade", Status::error}, {"backup", Status::skip}};
     }},
    {"green_with_skipped_restore",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tiers = {{"restore", Status::skip}, {"custom", Status::unver}};
     }},
    {"tiers_only",
     [](CanarySpec& s) {
       s.expect.tiers = {{"backup", Status::fail}};
     }},
    {"exact_exit_code",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.exit_code = 3;
     }},
    {"green_exit_code_0",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.exit_code = 0;
     }},
    {"level", [](CanarySpec& s) { s.expect.level = 4; }},
    {"flag_false", [](CanarySpec& s) { s.expect.flags["clean_teardown"] = false; }},
    {"no_flags", [](CanarySpec& s) { s.expect.flags.clear(); }},
    {"globs",
     [](CanarySpec& s) {
       s.expect.verdict = Color::green;
       s.expect.tests = {{"custom", "test_content_type*", Status::pass},
                         {"custom", "test_[abc]?", Status::pass},
                         {"install", "test_[!a-z]x", Status::pass}};
     }},
    {"same_glob_two_statuses",
     [](CanarySpec& s) {
       s.expect.fails_at = "custom";
       s.expect.tests = {{"custom", "test_*", Status::fail}, {"custom", "test_*", Status::pass}};
     }},
    {"extra_tier_test",
     [](CanarySpec& s) {
       s.expect.verdict = Color::red;
       s.expect.tests = {{"lint", "test_lint", Status::fail}};
     }},
    {"xfail",
     [](CanarySpec& s) {
       s.expect.fails_at = "backup";
       s.expect.tests = {kBackupFails};
       s.xfail = XFail{"#17", "backup reports pass on an empty snapshot"};
     }},
};

class SatisfyingRunTest : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(SatisfyingRunTest, SatisfiesTheSpecExactly) {
  const CanarySpec spec = testing::spec_with("shape", GetParam().change);
  const RunResult model = satisfying_run(spec);
  EXPECT_TRUE(judge(spec, model).empty());
  EXPECT_EQ(evaluate(spec, model).outcome, spec.xfail ? Outcome::xpass : Outcome::pass);
  EXPECT_FALSE(teeth(spec).error.has_value());
}

INSTANTIATE_TEST_SUITE_P(Shapes, SatisfyingRunTest, ::testing::ValuesIn(kShapes),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(SatisfyingRun, RedCanaryPassesBeforeTheFailingTierAndSkipsAfter) {
  const RunResult model = satisfying_run(testing::spec_with("shape", [](CanarySpec& s) {
    s.expect.verdict = Color::red;
    s.expect.tests = {kBackupFails};
  }));
  std::vector<std::pair<std::string, Status>> tiers;
  for (const TierResult& tier : model.tiers) tiers.emplace_back(tier.name, tier.status);
  const std::vector<std::pair<std::string, Status>> expected = {{"install", Status::pass},
                                                                {"upgrade", Status::pass},
                                                                {"backup", Status::fail},
                                                                {"restore", Status::skip},
                                                                {"custom", Status::skip}};
  EXPECT_EQ(tiers, expected);
  EXPECT_EQ(model.exit_code, 1);
  EXPECT_FALSE(model.level.has_value());
  ASSERT_EQ(model.tiers[2].tests.size(), 1u);
  EXPECT_EQ(model.tiers[2].tests[0].name, "test_backup_captures_state");
}

struct GlobCase {
  const char* glob;
  const char* name;
};

class ConcreteNameTest : public ::testing::TestWithParam<GlobCase> {};

TEST_P(ConcreteNameTest, IsAMatchOfTheGlob) {
  EXPECT_EQ(concrete_name(GetParam().glob), GetParam().name);
  EXPECT_TRUE(glob_match(GetParam().glob, GetParam().name));
}

INSTANTIATE_TEST_SUITE_P(Globs, ConcreteNameTest,
                         ::testing::Values(GlobCase{"test_serving", "test_serving"},
                                           GlobCase{"test_content_type*", "test_content_typex"},
                                           GlobCase{"t?st_*_end", "txst_x_end"},
                                           GlobCase{"test_[abc]", "test_a"},
                                           GlobCase{"test_[a-z]1", "test_a1"},
                                           GlobCase{"test_[!x]", "test_y"}, GlobCase{"[]a]", "]"},
                                           GlobCase{"open[bracket", "open[bracket"}));

}  // namespace
}  // namespace canary
