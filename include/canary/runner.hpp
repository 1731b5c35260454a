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

// A `flaky` canary's confirmation runs: the first run that mismatched, then each rerun.
struct FlakeRun {
  std::string run_id;
  Outcome outcome = Outcome::tool_error;
  bool operator==(const FlakeRun&) const = default;
};
struct FlakeRecord {
  std::string bug;
  int reruns = 0;              // the most the spec allows
  std::vector<FlakeRun> runs;  // in order; the first is the mismatch being confirmed
  bool operator==(const FlakeRecord&) const = default;
};

// Everything canary-run.json says about one attempt.
struct RunRecord {
  std::string canary;
  std::string spec_path;
  std::string spec_hash;
  std::string profile;
  std::string profile_path;               // the profile file, for a cold reader's masking
  std::vector<std::string> secret_names;  // the profile's `secrets:`: names, never values
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
  std::optional<std::string> interrupted;  // "SIGINT"/"SIGTERM" when Canary itself was stopped
  std::optional<FlakeRecord> flaky;        // on the last record of a `flaky` canary's reruns
  // Processes Canary killed after the harness ended (left in its group, or escaped with
  // setsid), and the first few command lines, masked: Canary's own evidence of a dirty teardown.
  int strays = 0;
  std::vector<std::string> stray_commands;
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
