#pragma once
// Whether a results file belongs to the run Canary asked for: identity, freshness, consistency,
// and Canary's own evidence of processes the harness left behind.

#include <canary/run_result.hpp>
#include <canary/spec.hpp>
#include <canary/verdict.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace canary {

// A results file may carry an mtime this much older than the run's start and still be the
// run's own: file systems stamp mtimes from a coarse clock, and records keep whole seconds.
inline constexpr std::chrono::milliseconds kFreshnessSlack{2000};

// Findings that make the run's report untrustworthy whatever the canary expects: a recipe, ref
// or run id other than the one asked for (or missing, when the profile requires identity), a
// results file older than the run, tiers the report contradicts itself about. Never inverted
// by xfail: a report of another run says nothing about the bug.
std::vector<Finding> trust_findings(const CanarySpec& spec, const RunResult& result);

// The clean-teardown finding from what Canary killed, when it killed anything; else nullopt.
std::optional<Finding> strays_finding(const RunResult& result);

}  // namespace canary
