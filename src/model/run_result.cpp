#include <canary/run_result.hpp>

#include <algorithm>

namespace canary {

const TierResult* RunResult::find_tier(std::string_view name) const {
  auto it = std::find_if(tiers.begin(), tiers.end(), [&](const TierResult& t) { return t.name == name; });
  return it == tiers.end() ? nullptr : &*it;
}

int derived_exit_code(const RunResult& result) {
  const bool failed = std::any_of(result.tiers.begin(), result.tiers.end(), [](const TierResult& t) {
    return t.status == Status::fail || t.status == Status::error;
  });
  return failed ? 1 : 0;
}

std::string match_name(const TestResult& test, std::string_view pattern) {
  if (test.classname.empty() || pattern.find("::") == std::string_view::npos) return test.name;
  return test.classname + "::" + test.name;
}

}  // namespace canary
