#pragma once
// Runs a canary on a harness: fills the profile, supervises the harness, judges, records.

#include <canary/profile.hpp>
#include <canary/run_record.hpp>
#include <canary/run_result.hpp>
#include <canary/spec.hpp>
#include <canary/verdict.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace canary {

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

// Why the profile's `user:` cannot be honoured here (Canary is not root, the user is unknown or
// is root); "" when it can, or when the profile names no user.
std::string run_as_error(const HarnessProfile& profile);

// Never throws for harness misbehaviour: every failure is a TOOL_ERROR verdict with findings.
CanaryRun run_canary(const CanarySpec& spec, const HarnessProfile& profile,
                     const RunnerOptions& options);

// The verdict of a `flaky` canary whose first run mismatched (`first`): `rerun(n)` runs it again
// (n = 1..flaky.reruns) and returns that run's verdict. Stops at the first rerun that does not
// pass: a MISMATCH confirms (MISMATCH, its findings), anything else cannot disprove the first
// mismatch (MISMATCH, the first findings and why). Every rerun passing gives FLAKY with the
// first run's findings, so what flaked stays visible.
Verdict confirm_flake(const Flaky& flaky, const Verdict& first,
                      const std::function<Verdict(int rerun)>& rerun);

// A run id nobody else has: "<canary>-<utc time>-<pid>-<random>".
std::string make_run_id(const std::string& canary_id);

}  // namespace canary
