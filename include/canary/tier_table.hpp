#pragma once
// The canary x tier table: what each harness reported per tier, against what the canary expected.

#include <canary/run_result.hpp>
#include <canary/spec.hpp>

#include <optional>
#include <string>
#include <vector>

namespace canary {

// "GREEN", "RED at backup", "RED", "exit 3": what the canary expects, in a word or three.
std::string expectation_summary(const CanarySpec& spec);

struct TierCell {
  std::string tier;
  std::optional<Status> expected;  // nullopt when the canary does not judge this tier
  std::optional<Status> actual;    // nullopt when the harness did not report it

  bool matches() const {
    return !expected || expected == actual || (expected == Status::not_run && !actual);
  }
  // "fail" when it matches (or is not judged), "pass (want fail)" when it does not, "-" absent.
  std::string text() const;
};

// The standard tiers, then any other tier the spec or the result names, in that order.
std::vector<TierCell> tier_cells(const CanarySpec& spec, const RunResult& result);

struct TierRow {
  std::string canary;
  std::string expect;   // "RED at backup", "GREEN"
  std::string outcome;  // "PASS", "MISMATCH", ...
  std::vector<TierCell> cells;
};

// A plain-text table, one row per canary, columns aligned; tiers as columns in first-seen order.
std::string render_tier_table(const std::vector<TierRow>& rows);

}  // namespace canary
