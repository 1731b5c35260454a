#pragma once
// What `canary run` prints for other programs: JSON lines (--json) and git bisect's exit codes
// (--bisect).

#include <canary/run_record.hpp>

#include <string>
#include <vector>

namespace canary::cli {

// One line of JSON, no newline: the record's fields, as canary-run.json holds them.
std::string json_line(const RunRecord& record);

// The last line of `canary run --json`: {"summary": {canaries, passed, failed, outcomes,
// exit_code}}, no newline.
std::string summary_json_line(const std::vector<Outcome>& outcomes, int exit_code);

// `git bisect run`'s meaning of canary run's exit code: 0 good (PASS, XFAIL, FLAKY), 1 bad
// (MISMATCH, XPASS), 125 skip (TOOL_ERROR: this revision cannot be tested), 128 abort (spec,
// profile or usage error, nothing selected); an interrupt's 128+N aborts as it is.
int bisect_exit_code(int run_exit_code);

}  // namespace canary::cli
