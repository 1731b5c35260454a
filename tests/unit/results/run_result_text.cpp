#include "run_result_text.hpp"

#include <sstream>

namespace canary::testing {

std::string to_text(const RunResult& result) {
  std::ostringstream out;
  if (result.tool_error) out << "tool_error " << *result.tool_error << '\n';
  out << "schema " << result.schema << '\n';
  if (!result.recipe.empty()) out << "recipe " << result.recipe << '\n';
  if (!result.ref.empty()) out << "ref " << result.ref << '\n';
  if (!result.run_id.empty()) out << "run_id " << result.run_id << '\n';
  if (!result.finished.empty()) out << "finished " << result.finished << '\n';
  for (const TierResult& tier : result.tiers) {
    out << "tier " << tier.name << ' ' << to_string(tier.status);
    if (!tier.skip_reason.empty()) out << " (" << tier.skip_reason << ')';
    out << '\n';
    for (const TestResult& test : tier.tests) {
      out << "  test " << test.name << ' ' << to_string(test.status);
      if (test.ms) out << ' ' << *test.ms << "ms";
      out << '\n';
    }
  }
  if (result.level) out << "level " << *result.level << '\n';
  for (const auto& [rung, status] : result.rungs)
    out << "rung " << rung << ' ' << to_string(status) << '\n';
  for (const auto& [flag, value] : result.flags)
    out << "flag " << flag << ' ' << (value ? "true" : "false") << '\n';
  for (const Inconsistency& tier : result.inconsistencies)
    out << "inconsistent " << tier.tier << ": " << tier.what << '\n';
  if (result.exit_code)
    out << "exit_code " << *result.exit_code << (result.exit_code_derived ? " derived" : "")
        << '\n';
  return out.str();
}

}  // namespace canary::testing
