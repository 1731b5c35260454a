#pragma once
// Reads a harness's results.json (cc-ci schema 1 and 2) into a RunResult.

#include <canary/run_result.hpp>

#include <string>
#include <string_view>

namespace canary {

// Either a RunResult (error empty) or a message naming the JSON path that is wrong,
// e.g. "results.json: $.stages[2].tests[0].status: unknown status 'passed'".
struct ParsedResults {
  RunResult result;
  std::string error;

  bool ok() const { return error.empty(); }
};

// `source` names the input in messages. Never throws for bad input.
ParsedResults parse_results(std::string_view json_text, const std::string& source);

// Reads the file; missing, unreadable, empty, truncated or malformed files are errors.
ParsedResults parse_results_file(const std::string& path);

}  // namespace canary
