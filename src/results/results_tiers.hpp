#pragma once
// The tiers of a results.json as its parts stream in (results, stages, skips, in any order),
// checked for clashes and put in lifecycle order at the end.

#include "name_index.hpp"

#include <canary/run_result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::results_detail {

// One element of `stages`, collected until its object closes (`name` may come last).
struct StageParts {
  std::optional<std::string> name;
  std::optional<Status> status;
  std::vector<TestResult> tests;
};

// Every method returns "" or an error message that starts with the JSON path.
class ResultsTiers {
 public:
  ResultsTiers();
  std::string add_result_status(std::string_view tier, Status status);
  std::string add_stage(StageParts&& stage, std::size_t index);
  // `array_index` is set for the array form of `skips`, unset for the map form.
  std::string add_skip(std::string_view tier, std::string_view reason,
                       std::optional<std::size_t> array_index);

  // Moves the tiers into `result`: standard tiers in lifecycle order, then extra tiers in
  // the order first seen in the document.
  std::string finish(RunResult& result);

 private:
  struct Tier {
    TierResult result;
    std::optional<Status> from_results;
    std::optional<Status> from_stage;
    std::optional<std::size_t> stage_index;
  };
  struct Skip {
    std::string tier;
    std::string reason;
    std::optional<std::size_t> array_index;
  };

  Tier& tier(std::string_view name);
  static std::string skip_path(const Skip& skip);

  std::vector<Tier> tiers_;
  NameIndex tier_names_;
  std::vector<Skip> skips_;
  NameIndex skip_tiers_;
};

}  // namespace canary::results_detail
