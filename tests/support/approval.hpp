#pragma once
// Approval tests of the `canary` program: run the real binary, scrub its transcript (exit code,
// stdout, stderr) with the suite's scrubbers, and compare it with a golden file. Set
// CANARY_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change; review each diff.

#include "support/program.hpp"
#include "support/scrub.hpp"

#include <string>
#include <utility>
#include <vector>

namespace canary::testing {

// What one run of `canary` printed.
using CliRun = ProgramRun;

// Runs the built `canary` with `args` as a user runs it: from the source tree, 100 columns wide,
// artifacts under <tmp>/artifacts; its stdout and stderr pass through files in `tmp`.
CliRun run_cli(const std::vector<std::string>& args, const std::string& tmp);

// The run as a golden file holds it: "$ canary ARGS", "[exit N]", then stdout and stderr.
std::string transcript(const std::vector<std::string>& args, const CliRun& run);

// A suite's scrubbers: its own dirs first (most specific first), then the source tree as <src>
// and the bin dir as <bin>; pids, run ids, durations and timestamps on.
Scrubber scrubber_for(std::vector<std::pair<std::string, std::string>> dirs);

// `actual` must equal the golden file; with CANARY_UPDATE_GOLDEN set it is written there instead.
void expect_golden(const std::string& actual, const std::string& golden);

// Runs `canary args`, expects `exit_code`, and approves the scrubbed transcript against `golden`.
void approve_cli(const std::vector<std::string>& args, int exit_code, const std::string& golden,
                 const std::string& tmp, const Scrubber& scrub);

}  // namespace canary::testing
