#pragma once
// What one harness run reported, or why it reported nothing usable.

#include <canary/status.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

struct TestResult {
  std::string name;
  Status status = Status::pass;
  std::optional<double> ms;
  std::string classname = {};  // JUnit's testcase classname; a spec matches `classname::name`
  // The same test reported again in the same file (a teardown error, a rerun): the worst is
  // `status`, the rest are kept here in document order.
  std::vector<Status> also_reported = {};
};

// The name a spec's test pattern is matched against: `classname::name` when the pattern has
// `::` and the test has a classname, else the name.
std::string match_name(const TestResult& test, std::string_view pattern);

struct TierResult {
  std::string name;
  Status status = Status::pass;
  std::vector<TestResult> tests;
  std::string skip_reason;  // from `skips`, when the harness gave one
};

// A tier the report contradicts itself about: the `results` map says pass or skip while its
// stage or one of the stage's tests says fail or error. `what` says what each part said.
struct Inconsistency {
  std::string tier;
  std::string what;
  bool operator==(const Inconsistency&) const = default;
};

// What Canary itself saw of a run, never what the harness claimed: filled by the runner as it
// runs the harness, or by cold verification from canary-run.json and the artifact dir.
struct Observed {
  std::string run_id;                        // the run id Canary gave the harness; "" unknown
  std::optional<std::int64_t> started_ms;    // when Canary started the harness (Unix ms)
  std::optional<std::int64_t> results_mtime_ms;  // the results file's last modification
  std::string results_name = "results.json";     // the file, as findings name it
  std::optional<int> strays;  // processes Canary killed after the harness ended; unset: unknown
  std::vector<std::string> stray_commands;  // the first few command lines, masked
  bool identity_required = false;           // the profile's `identity: required`
};

struct RunResult {
  // Set when the harness did not complete: it could not start, timed out, was killed by a
  // signal, or left no well-formed results.json. The evaluator then returns TOOL_ERROR.
  std::optional<std::string> tool_error;

  int schema = 0;  // 1 or 2, the cc-ci results shape it was read from
  std::string recipe;
  std::string ref;
  std::string run_id;
  std::string finished;
  std::vector<TierResult> tiers;  // standard tiers in lifecycle order, then extra tiers
  std::optional<int> level;
  std::map<std::string, Status> rungs;
  std::map<std::string, bool> flags;  // only the flags the harness reported
  std::vector<Inconsistency> inconsistencies;  // in tier order; the tier status is `results`'
  bool reports_flags = true;  // false when the results format has none (JUnit XML)

  std::optional<int> exit_code;  // nullopt when killed by a signal
  bool exit_code_derived = false;  // true when cold verification inferred it (cc-ci rule)
  Observed observed;

  const TierResult* find_tier(std::string_view name) const;
};

// "2026-01-31T12:00:05Z" or "...:05.25Z" (UTC only) as Unix milliseconds; nullopt otherwise.
std::optional<std::int64_t> parse_iso_utc_ms(std::string_view text);
// "2026-01-31T12:00:05.250Z" for Unix milliseconds.
std::string iso_utc_ms(std::int64_t unix_ms);

// The cc-ci rule: non-zero iff some tier is `fail` or `error`.
int derived_exit_code(const RunResult& result);

}  // namespace canary
