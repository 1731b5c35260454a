#pragma once
// What one harness run reported, or why it reported nothing usable.

#include <canary/status.hpp>

#include <map>
#include <optional>
#include <string>
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
  bool reports_flags = true;  // false when the results format has none (JUnit XML)

  std::optional<int> exit_code;  // nullopt when killed by a signal
  bool exit_code_derived = false;  // true when cold verification inferred it (cc-ci rule)

  const TierResult* find_tier(std::string_view name) const;
};

// The cc-ci rule: non-zero iff some tier is `fail` or `error`.
int derived_exit_code(const RunResult& result);

}  // namespace canary
