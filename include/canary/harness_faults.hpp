#pragma once
// Harness teeth: run the canary suite against a harness with each of its deliberate bugs
// injected, and score the share of bugs that at least one canary catches.

#include <canary/profile.hpp>
#include <canary/runner.hpp>
#include <canary/spec.hpp>
#include <canary/verdict.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace canary {

struct HarnessFault {
  std::string name;
  std::string effect;  // the rest of its line in the listing
};

struct FaultListing {
  std::vector<HarnessFault> faults;
  std::string error;  // set when the listing command failed or listed nothing
};

// Runs the profile's `faults.list` command ({bin} = bin_dir) and reads one fault a line.
FaultListing list_harness_faults(const HarnessProfile& profile, const std::string& bin_dir,
                                 const std::string& scratch_dir);

// The profile with `faults.args` appended to its command and `faults.env` added to its env,
// `{fault}` replaced by the fault's name. Throws std::logic_error without `faults`.
HarnessProfile with_fault(const HarnessProfile& profile, const std::string& fault);

struct CanaryOutcome {
  std::string canary;
  Outcome outcome = Outcome::tool_error;
  std::vector<Finding> findings;
  std::string artifact_dir;
  double seconds = 0;
  // A TOOL_ERROR from the --hang-factor timeout, shorter than the spec's: a slow machine can
  // produce it as well as a fault, so it is shown as such.
  bool hang_timeout = false;
};

struct FaultScore {
  HarnessFault fault;
  std::vector<CanaryOutcome> runs;  // one per canary, in suite order

  // The canaries whose outcome was not PASS under this fault.
  std::vector<std::string> caught_by() const;
  bool caught() const { return !caught_by().empty(); }
  // A canary judged the faulty run and it did not pass (MISMATCH, XPASS, ...): a real catch.
  bool caught_by_verdict() const;
  // Caught, but only by tool errors, each of them a --hang-factor timeout.
  bool only_hang_timeouts() const;
};

struct HarnessFaultReport {
  std::string profile;                  // the profile's name
  std::vector<CanaryOutcome> baseline;  // every canary without a fault: each must PASS
  std::vector<FaultScore> faults;       // empty when the baseline failed
  std::optional<std::string> error;     // why there is no score (listing failed, baseline ...)

  std::size_t caught() const;
  std::size_t caught_by_verdict() const;
  std::size_t only_hang_timeouts() const;
  bool baseline_passed() const;
  bool ok() const { return !error && caught() == faults.size() && !faults.empty(); }
};

struct HarnessFaultOptions {
  RunnerOptions runner;           // artifact_root and bin_dir; its progress is not used
  std::size_t jobs = 2;           // canary runs at once
  std::vector<std::string> only;  // run only these faults (all when empty)
  // When > 0, a faulty run of a canary times out after this many times the canary's baseline
  // duration (at least 5 s, never past the spec's own timeout), so a fault that hangs the harness
  // is caught in seconds rather than after the spec's timeout. 0: the specs' timeouts.
  double hang_factor = 0;
  // One line as each run ends: "[3/91] fault hang-custom: good-simple TOOL_ERROR (61.2s)".
  std::function<void(const std::string& line)> progress;
};

// The baseline first (profile retries); if every canary PASSes, each fault in turn against
// every canary, never retried (a faulty run's tool error is the fault's effect, not a flake).
HarnessFaultReport harness_teeth(const std::vector<const CanarySpec*>& specs,
                                 const HarnessProfile& profile, const HarnessFaultOptions& options);

}  // namespace canary
