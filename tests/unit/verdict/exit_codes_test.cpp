// The one exit-code precedence every command returns through, and the code of each outcome.
#include <canary/exit_codes.hpp>
#include <canary/verdict.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace canary {
namespace {

using E = ExitCode;

struct WorstRow {
  std::vector<ExitCode> codes;
  ExitCode worst;
};

TEST(WorstExit, TwoBeforeOneBeforeThreeBeforeFourBeforeZero) {
  const std::vector<WorstRow> rows = {
      {{}, E::ok},
      {{E::ok, E::ok}, E::ok},
      {{E::tool_error, E::canary_failed}, E::canary_failed},
      {{E::canary_failed, E::tool_error}, E::canary_failed},
      {{E::tool_error, E::usage_error, E::canary_failed}, E::usage_error},
      {{E::ok, E::tool_error}, E::tool_error},
      {{E::nothing_selected, E::tool_error}, E::tool_error},
      {{E::ok, E::nothing_selected}, E::nothing_selected},
      {{E::usage_error, E::ok}, E::usage_error},
  };
  for (const WorstRow& row : rows) {
    EXPECT_EQ(worst_exit(row.codes), row.worst) << row.codes.size() << " codes";
  }
  EXPECT_EQ(worst_exit({E::tool_error, E::canary_failed}), E::canary_failed);
  EXPECT_EQ(worst_exit(E::ok, E::usage_error), E::usage_error);
}

TEST(ExitCodeOf, PassingOutcomesAreZeroToolErrorsThreeTheRestOne) {
  EXPECT_EQ(exit_code_of(Outcome::pass), E::ok);
  EXPECT_EQ(exit_code_of(Outcome::xfail), E::ok);
  EXPECT_EQ(exit_code_of(Outcome::flaky), E::ok);
  EXPECT_EQ(exit_code_of(Outcome::mismatch), E::canary_failed);
  EXPECT_EQ(exit_code_of(Outcome::xpass), E::canary_failed);
  EXPECT_EQ(exit_code_of(Outcome::tool_error), E::tool_error);
}

TEST(Error, CarriesItsCodeAndMessage) {
  const Error error(E::usage_error, "--sha must be 40 hex digits");
  EXPECT_EQ(error.code(), E::usage_error);
  EXPECT_STREQ(error.what(), "--sha must be 40 hex digits");
}

}  // namespace
}  // namespace canary
