#pragma once
// Run results and specs for verdict tests, built by small changes to two known-good runs.

#include <canary/run_result.hpp>
#include <canary/spec.hpp>
#include <canary/verdict.hpp>

#include <functional>
#include <ostream>

namespace canary {

// Readable gtest messages for findings and outcomes.
void PrintTo(const Finding& finding, std::ostream* out);
void PrintTo(Outcome outcome, std::ostream* out);

namespace testing {

using RunChange = std::function<void(RunResult&)>;
using ExpectChange = std::function<void(Expectation&)>;

// Every tier passes, exit code 0, level 5, both standard flags true, named tests in each tier.
RunResult healthy_run(const RunChange& change = {});
// Install and upgrade pass, backup fails (test_backup_captures_state fails), the rest skip;
// exit code 1, level 2, both flags true.
RunResult red_at_backup_run(const RunChange& change = {});

// A spec with no expectation but what `change` sets (no default flags: the loader adds those).
CanarySpec spec_expecting(const ExpectChange& change);

TierResult& tier(RunResult& result, std::string_view name);

}  // namespace testing
}  // namespace canary
