#pragma once
// results.json in the cc-ci schema-2 shape (keys in a readable order), written atomically.

#include "teardown.hpp"
#include "tiers.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace canary::localci {

struct RunSummary {
  std::string recipe;
  std::string sha;
  std::string run_id;
  std::string started;   // ISO 8601 UTC
  std::string finished;  // ISO 8601 UTC
  std::vector<TierReport> tiers;
  std::string deploy_error;  // why the deploy before the tiers failed; "" when it came up
  TeardownReport teardown;
  std::vector<std::string> leaks;  // artifact files holding a secret
  int exit_code = 0;
  int interrupt_signal = 0;
  std::string run_dir;
  std::vector<ServiceTrace> services;
  std::set<std::string> faults;
};

// The exit code the cc-ci rule gives: 1 when a tier failed or errored, else 0 (the run's exit
// code is also 1 when the deploy failed, with no tier run).
int tiers_exit_code(const std::vector<TierReport>& tiers);

// Leading tiers that did not fail: 5 when nothing failed, 0 when install did.
int level_of(const std::vector<TierReport>& tiers);

// One tier as results.json's `stages` lists it, reported with `status`.
nlohmann::ordered_json stage_json(const TierReport& tier, const std::string& status);

// `off_by_one` (fault tier-off-by-one): tier i is reported with the status of tier i-1.
nlohmann::ordered_json results_json(const RunSummary& summary, bool off_by_one = false);

// Writes `<out>/results.json` through a temp file and rename; "" or an error.
std::string write_results(const std::filesystem::path& out, const nlohmann::ordered_json& results);

// Fault truncated-results: writes the first half of the text in place, no temp file, no rename.
std::string write_results_truncated(const std::filesystem::path& out,
                                    const nlohmann::ordered_json& results);

// Fault inconsistent-report: every failed tier is `pass` in the results map; stages stay.
void pass_failed_tiers_in_map(nlohmann::ordered_json& results);

// Fault stale-results: copies (mtime kept, as a restored cache keeps it) the newest results.json
// for `recipe` in another run's dir beside `out`. "" when it did, else why not.
std::string publish_previous_results(const std::filesystem::path& out, const std::string& recipe);

std::string utc_now();

}  // namespace canary::localci
