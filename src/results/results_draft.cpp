#include "results_draft.hpp"

#include "message_text.hpp"

#include <algorithm>

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

// Standard tiers by lifecycle position; extra tiers after them all.
std::size_t rank(const std::string& tier) { return tier_index(tier).value_or(kStandardTiers.size()); }

}  // namespace

ResultsDraft::Tier& ResultsDraft::tier(std::string_view name) {
  if (const auto at = tier_names_.insert(name, tiers_.size())) return tiers_[*at];
  Tier& added = tiers_.emplace_back();
  added.result.name = name;
  return added;
}

std::string ResultsDraft::add_result_status(std::string_view name, Status status) {
  if (name.empty()) return "$.results[\"\"]: empty tier name";
  Tier& entry = tier(name);
  if (entry.from_results) return "$.results: duplicate key " + in_quotes(name);
  entry.from_results = status;
  return {};
}

std::string ResultsDraft::add_stage(StageDraft&& stage, std::size_t index) {
  if (!stage.name) return stage_path(index) + ": missing 'name'";
  NameIndex test_names;
  for (std::size_t i = 0; i < stage.tests.size(); ++i) {
    if (const auto first = test_names.insert(stage.tests[i].name, i)) {
      return test_name_path(index, i) + ": duplicate test " + in_quotes(stage.tests[i].name) +
             " in tier " + in_quotes(*stage.name) + " (first at " + test_name_path(index, *first) + ")";
    }
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

std::string ResultsDraft::add_skip(std::string_view name, std::string_view reason,
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

std::string ResultsDraft::skip_path(const Skip& skip) {
  std::string path = "$.skips";
  if (skip.array_index) {
    append_index(path, *skip.array_index);
  } else {
    append_member(path, skip.tier);
  }
  return path;
}

std::string ResultsDraft::finish(RunResult& result) {
  for (Tier& entry : tiers_) {
    if (entry.from_results) {
      entry.result.status = *entry.from_results;  // cc-ci's rule: `results` wins over stages
    } else if (entry.from_stage) {
      entry.result.status = *entry.from_stage;
    } else {
      return stage_path(entry.stage_index.value_or(0)) +
             ": missing 'status' (and 'results' does not give tier " + in_quotes(entry.result.name) + ")";
    }
  }
  if (tiers_.empty()) return "$: nothing to judge: 'results' and 'stages' list no tier";
  for (const Skip& skip : skips_) {
    const auto at = tier_names_.find(skip.tier);
    if (!at) {
      return skip_path(skip) + ": skip reason for tier " + in_quotes(skip.tier) +
             ", which neither 'results' nor 'stages' reports";
    }
    tiers_[*at].result.skip_reason = skip.reason;
  }
  std::stable_sort(tiers_.begin(), tiers_.end(),
                   [](const Tier& a, const Tier& b) { return rank(a.result.name) < rank(b.result.name); });
  result.tiers.clear();
  result.tiers.reserve(tiers_.size());
  for (Tier& entry : tiers_) result.tiers.push_back(std::move(entry.result));
  return {};
}

}  // namespace canary::results_detail

