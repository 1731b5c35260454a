#include "trust.hpp"

#include <cctype>

namespace canary {
namespace {

// How many of the stray command lines one finding lists.
constexpr std::size_t kListedStrays = 3;
// The shortest abbreviation of the pinned SHA a `ref` may give, as git abbreviates.
constexpr std::size_t kShortestSha = 7;

bool is_hex(std::string_view text) {
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// `ref` names the pinned SHA: the whole of it, or a prefix of 7+ hex digits, in either case.
bool ref_matches(const CanarySpec& spec, const std::string& ref) {
  if (spec.sha.empty()) return ref == spec.ref;
  if (ref.size() < kShortestSha || ref.size() > spec.sha.size() || !is_hex(ref)) return false;
  return same_ignoring_case(ref, std::string_view(spec.sha).substr(0, ref.size()));
}

void check_identity(const std::string& field, const std::string& expected,
                    const std::string& reported, bool matches, bool required,
                    std::vector<Finding>& findings) {
  if (reported.empty()) {
    if (required) findings.push_back({field, expected, "not reported (the profile requires it)"});
    return;
  }
  if (!matches) findings.push_back({field, expected, reported});
}

}  // namespace

std::vector<Finding> trust_findings(const CanarySpec& spec, const RunResult& result) {
  std::vector<Finding> findings;
  const Observed& seen = result.observed;
  const bool required = seen.identity_required;
  check_identity("recipe", spec.recipe, result.recipe, result.recipe == spec.recipe, required,
                 findings);
  check_identity("ref", spec.sha.empty() ? spec.ref : spec.sha, result.ref,
                 ref_matches(spec, result.ref), required, findings);
  // Without the run id Canary gave (a cold dir without a record) there is nothing to match.
  if (!seen.run_id.empty()) {
    check_identity("run_id", seen.run_id, result.run_id, result.run_id == seen.run_id, required,
                   findings);
  }
  if (seen.started_ms && seen.results_mtime_ms &&
      *seen.results_mtime_ms + kFreshnessSlack.count() < *seen.started_ms) {
    findings.push_back({"freshness", seen.results_name + " written by this run",
                        seen.results_name + " written at " + iso_utc_ms(*seen.results_mtime_ms) +
                            ", before the run started at " + iso_utc_ms(*seen.started_ms) +
                            ": not this run's"});
  }
  for (const Inconsistency& tier : result.inconsistencies) {
    findings.push_back(
        {"consistency of tier " + tier.tier, "results, stage status and tests that agree", tier.what});
  }
  return findings;
}

std::optional<Finding> strays_finding(const RunResult& result) {
  const Observed& seen = result.observed;
  if (!seen.strays || *seen.strays <= 0) return std::nullopt;
  const int count = *seen.strays;
  std::string actual = "Canary killed " + std::to_string(count) +
                       (count == 1 ? " process" : " processes") + " the harness left behind";
  const auto flag = result.flags.find("clean_teardown");
  if (flag != result.flags.end()) {
    actual += std::string(" (the harness reported ") + (flag->second ? "true" : "false") + ")";
  }
  const char* separator = ": ";
  for (std::size_t i = 0; i < seen.stray_commands.size() && i < kListedStrays; ++i) {
    actual += separator + seen.stray_commands[i];
    separator = "; ";
  }
  return Finding{"flag clean_teardown", "true", std::move(actual)};
}

}  // namespace canary
