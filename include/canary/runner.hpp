#pragma once
// Runs a canary on a harness: fills the profile, supervises the harness, judges, records.

#include <canary/profile.hpp>
#include <canary/run_result.hpp>
#include <canary/spec.hpp>
#include <canary/tier_table.hpp>
#include <canary/verdict.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace canary {

// Everything canary-run.json says about one attempt.
struct RunRecord {
  std::string canary;
  std::string spec_path;
  std::string spec_hash;
  std::string profile;
  std::vector<std::string> command;
  std::string run_id;
  std::string artifact_dir;
  std::string started;           // ISO 8601 UTC
  std::string finished;          // ISO 8601 UTC
  std::optional<int> exit_code;  // null when killed
  std::optional<std::string> signal;
  bool timed_out = false;
  int attempts = 1;  // this attempt's number, counting from 1
  Outcome outcome = Outcome::tool_error;
  std::vector<Finding> findings;
  double duration_s = 0;
  // For reports, the "matrix" block: what the canary expects ("RED at backup") and, per tier,
  // the status it expects and the one the harness reported. Empty in older records.
  std::string expect;
  std::vector<TierCell> tiers;
};

struct RunnerOptions {
  std::string artifact_root;                     // {artifact_root}
  std::string bin_dir;                           // {bin}: where the bundled programs live
  std::optional<int> retries;                    // overrides the profile's retry count
  std::chrono::milliseconds retry_backoff{500};  // doubled after each retry
  // Called as each attempt starts and ends; for progress lines.
  std::function<void(const std::string& line)> progress;
};

struct CanaryRun {
  Verdict verdict;
  std::vector<RunRecord> attempts;  // one per attempt; the last one carries the verdict
  RunResult result;                 // what the last attempt's harness reported

  const RunRecord& last() const { return attempts.back(); }
};

// Never throws for harness misbehaviour: every failure is a TOOL_ERROR verdict with findings.
CanaryRun run_canary(const CanarySpec& spec, const HarnessProfile& profile,
                     const RunnerOptions& options);

// A run id nobody else has: "<canary>-<utc time>-<pid>-<random>".
std::string make_run_id(const std::string& canary_id);

}  // namespace canary
