#pragma once
// Reads a harness's results.json (cc-ci schema 1 and 2) into a RunResult.

#include <canary/run_result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace canary {

class SecretMask;

// A results.json larger than this is refused unread: it is not a harness's summary.
inline constexpr std::size_t kMaxResultsFileBytes = std::size_t{64} << 20;

// Either a RunResult (error empty) or a message naming the JSON path that is wrong,
// e.g. "results.json: $.stages[2].tests[0].status: unknown status 'passed'".
struct ParsedResults {
  RunResult result;
  std::string error;

  bool ok() const { return error.empty(); }
};

// `source` names the input in messages. Never throws for bad input. Tier status comes from
// `results` when it names the tier, else from the stage; tests come from stages; tiers come
// out in lifecycle order, then extra tiers in document order. Never sets exit_code.
ParsedResults parse_results(std::string_view json_text, const std::string& source);

// Reads the file; missing, unreadable, empty, truncated, oversized (kMaxResultsFileBytes) or
// malformed files are errors whose message starts with `path`.
ParsedResults parse_results_file(const std::string& path);

// The same, with `mask` applied to every string the harness wrote as soon as it is decoded:
// before any message quotes, cuts or escapes it.
ParsedResults parse_results(std::string_view json_text, const std::string& source,
                            const SecretMask& mask);
ParsedResults parse_results_file(const std::string& path, const SecretMask& mask);

}  // namespace canary
