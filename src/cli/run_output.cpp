#include "run_output.hpp"

#include <canary/exit_codes.hpp>
#include <canary/printable.hpp>

#include <nlohmann/json.hpp>

#include <map>

namespace canary::cli {

std::string json_line(const RunRecord& record) {
  // The record's own serialization, re-dumped on one line, so both always hold the same fields.
  const auto json = nlohmann::ordered_json::parse(to_json(record));
  return json_printable(
      json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

std::string summary_json_line(const std::vector<Outcome>& outcomes, int exit_code) {
  std::map<std::string, int> counts;
  std::size_t passed = 0;
  for (const Outcome outcome : outcomes) {
    ++counts[std::string(to_string(outcome))];
    if (is_success(outcome)) ++passed;
  }
  nlohmann::ordered_json summary;
  summary["canaries"] = outcomes.size();
  summary["passed"] = passed;
  summary["failed"] = outcomes.size() - passed;
  summary["outcomes"] = counts;
  summary["exit_code"] = exit_code;
  return nlohmann::ordered_json{{"summary", std::move(summary)}}.dump();
}

int bisect_exit_code(int run_exit_code) {
  constexpr int kSkip = 125;   // git bisect run: this revision cannot be tested
  constexpr int kAbort = 128;  // git bisect run: stop the bisection
  if (run_exit_code >= kAbort) return run_exit_code;
  switch (static_cast<ExitCode>(run_exit_code)) {
    case ExitCode::ok: return 0;
    case ExitCode::canary_failed: return 1;
    case ExitCode::tool_error: return kSkip;
    case ExitCode::usage_error:
    case ExitCode::nothing_selected: break;
  }
  return kAbort;
}

}  // namespace canary::cli
