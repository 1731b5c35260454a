#include "results_tiers.hpp"

#include "message_text.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace canary::results_detail {
namespace {

std::string stage_path(std::size_t index) {
  std::string path = "$.stages";
  append_index(path, index);
  return path;
}

std::string test_name_path(std::size_t stage, std::size_t test) {
  std::string path = stage_path(stage) + ".tests";
  append_index(path, test);
  return path + ".name";
}

// The first test named like an earlier one, and that earlier one: pairwise (no allocation) for
// the usual handful of tests, hashed beyond that so a stage with a million tests stays linear.
std::optional<std::pair<std::size_t, std::size_t>> find_duplicate_test(
    const std::vector<TestResult>& tests) {
  constexpr std::size_t kPairwiseLimit = 32;
  if (tests.size() <= kPairwiseLimit) {
    for (std::size_t i = 1; i < tests.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (tests[i].name == tests[j].name) return std::pair{i, j};
      }
    }
    return std::nullopt;
  }
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(tests.size());
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const auto [at, added] = seen.emplace(tests[i].name, i);
    if (!added) return std::pair{i, at->second};
  }
  return std::nullopt;
}

// Standard tiers by lifecycle position; extra tiers after them all.
std::size_t rank(const std::string& tier) {
  return tier_index(tier).value_or(kStandardTiers.size());
}

bool is_failure(Status status) { return status == Status::fail || status == Status::error; }

// What the parts said when `results` calls a tier pass or skip while its stage or one of its
// tests failed; "" when they agree. Status still comes from `results` (cc-ci's rule), but a
// report that contradicts itself must not be judged on one side of it silently.
std::string inconsistency(Status from_results, std::optional<Status> from_stage,
                          const std::vector<TestResult>& tests) {
  constexpr std::size_t kListedTests = 3;
  if (from_results != Status::pass && from_results != Status::skip) return {};
  std::string out;
  if (from_stage && is_failure(*from_stage))
    out += "; the stage says " + std::string(to_string(*from_stage));
  std::size_t failed = 0;
  for (const TestResult& test : tests) {
    if (!is_failure(test.status)) continue;
    if (++failed <= kListedTests)
      out += "; test " + test.name + " says " + std::string(to_string(test.status));
  }
  if (failed > kListedTests) out += " and " + std::to_string(failed - kListedTests) + " more";
  if (out.empty()) return {};
  return "results says " + std::string(to_string(from_results)) + out;
}

}  // namespace

ResultsTiers::ResultsTiers() { tiers_.reserve(kStandardTiers.size() + 3); }

ResultsTiers::Tier& ResultsTiers::tier(std::string_view name) {
  if (const auto at = tier_names_.insert(name, tiers_.size())) return tiers_[*at];
  Tier& added = tiers_.emplace_back();
  added.result.name = name;
  return added;
}

std::string ResultsTiers::add_result_status(std::string_view name, Status status) {
  if (name.empty()) return "$.results[\"\"]: empty tier name";
  Tier& entry = tier(name);
  if (entry.from_results) return "$.results: duplicate key " + in_quotes(name);
  entry.from_results = status;
  return {};
}

std::string ResultsTiers::add_stage(StageParts&& stage, std::size_t index) {
  if (!stage.name) return stage_path(index) + ": missing 'name'";
  if (const auto duplicate = find_duplicate_test(stage.tests)) {
    const auto [at, first] = *duplicate;
    return test_name_path(index, at) + ": duplicate test " + in_quotes(stage.tests[at].name) +
           " in tier " + in_quotes(*stage.name) + " (first at " + test_name_path(index, first) +
           ")";
  }
  Tier& entry = tier(*stage.name);
  if (entry.stage_index) {
    return stage_path(index) + ".name: duplicate stage " + in_quotes(*stage.name) + " (first at " +
           stage_path(*entry.stage_index) + ")";
  }
  entry.stage_index = index;
  entry.from_stage = stage.status;
  entry.result.tests = std::move(stage.tests);
  return {};
}

std::string ResultsTiers::add_skip(std::string_view name, std::string_view reason,
                                   std::optional<std::size_t> array_index) {
  Skip skip{std::string(name), std::string(reason), array_index};
  if (name.empty()) return skip_path(skip) + ": empty tier name";
  if (const auto first = skip_tiers_.insert(name, skips_.size())) {
    if (!array_index) return "$.skips: duplicate key " + in_quotes(name);
    return skip_path(skip) + ": duplicate skip reason for tier " + in_quotes(name) + " (first at " +
           skip_path(skips_[*first]) + ")";
  }
  skips_.push_back(std::move(skip));
  return {};
}

std::string ResultsTiers::skip_path(const Skip& skip) {
  std::string path = "$.skips";
  if (skip.array_index) {
    append_index(path, *skip.array_index);
  } else {
    append_member(path, skip.tier);
  }
  return path;
}

std::string ResultsTiers::finish(RunResult& result) {
  for (Tier& entry : tiers_) {
    if (entry.from_results) {
      entry.result.status = *entry.from_results;  // cc-ci's rule: `results` wins over stages
    } else if (entry.from_stage) {
      entry.result.status = *entry.from_stage;
    } else {
      return stage_path(entry.stage_index.value_or(0)) +
             ": missing 'status' (and 'results' does not give tier " +
             in_quotes(entry.result.name) + ")";
    }
  }
  // 'results' and 'stages' that list no tier say no tier ran (a deploy that never came up):
  // judged, not malformed, and every expected tier or test is then a finding.
  for (const Skip& skip : skips_) {
    const auto at = tier_names_.find(skip.tier);
    if (!at) {
      return skip_path(skip) + ": skip reason for tier " + in_quotes(skip.tier) +
             ", which neither 'results' nor 'stages' reports";
    }
    tiers_[*at].result.skip_reason = skip.reason;
  }
  std::stable_sort(tiers_.begin(), tiers_.end(), [](const Tier& a, const Tier& b) {
    return rank(a.result.name) < rank(b.result.name);
  });
  result.tiers.clear();
  result.tiers.reserve(tiers_.size());
  result.inconsistencies.clear();
  for (Tier& entry : tiers_) {
    if (entry.from_results) {
      std::string what = inconsistency(*entry.from_results, entry.from_stage, entry.result.tests);
      if (!what.empty()) result.inconsistencies.push_back({entry.result.name, std::move(what)});
    }
    result.tiers.push_back(std::move(entry.result));
  }
  return {};
}

}  // namespace canary::results_detail
