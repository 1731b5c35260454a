#include <canary/teeth.hpp>

#include <algorithm>
#include <string_view>

namespace canary {
namespace {

bool is_failure(Status status) { return status == Status::fail || status == Status::error; }

// Where a red canary fails: `fails_at`, else the first failing judged tier, else the tier of
// the first named test that must fail.
std::optional<std::string> failing_tier(const CanarySpec& spec,
                                        const std::vector<std::pair<std::string, Status>>& tiers) {
  if (spec.expect.fails_at) return spec.expect.fails_at;
  std::optional<std::string> best;
  std::size_t best_index = kStandardTiers.size();
  for (const auto& [tier, status] : tiers) {
    const auto index = tier_index(tier);
    if (!is_failure(status)) continue;
    if (!best || (index && *index < best_index)) {
      best = tier;
      best_index = index.value_or(kStandardTiers.size());
    }
  }
  if (best) return best;
  for (const TestExpectation& test : spec.expect.tests) {
    if (is_failure(test.status)) return test.tier;
  }
  return std::nullopt;
}

TierResult& tier_named(RunResult& run, const std::string& name) {
  auto it = std::find_if(run.tiers.begin(), run.tiers.end(),
                         [&](const TierResult& tier) { return tier.name == name; });
  if (it != run.tiers.end()) return *it;
  run.tiers.push_back({name, Status::pass, {}, {}});
  return run.tiers.back();
}

// A character the class `[...]` matches, preferring its first member.
char class_member(std::string_view klass) {
  const bool negated = klass.size() > 1 && klass[1] == '!';
  std::string candidates;
  if (!negated && klass.size() > 1) candidates += klass[1];
  candidates += "xyzabcdefghijklmnopqrstuvw0123456789_-.XYZABCDEFGHIJKLMNOPQRSTUVW";
  for (char c : candidates) {
    if (glob_match(klass, std::string_view(&c, 1))) return c;
  }
  return 'x';
}

// Length of the class opening at glob[open] == '[', or 0 when it never closes (a literal '[').
std::size_t class_length(std::string_view glob, std::size_t open) {
  std::size_t i = open + 1;
  if (i < glob.size() && glob[i] == '!') ++i;
  for (bool first = true; i < glob.size(); ++i, first = false) {
    if (glob[i] == ']' && !first) return i - open + 1;
  }
  return 0;
}

}  // namespace

std::string concrete_name(const std::string& glob) {
  std::string out;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '*' || c == '?') {
      out += 'x';
    } else if (const std::size_t length = c == '[' ? class_length(glob, i) : 0; length > 0) {
      out += class_member(std::string_view(glob).substr(i, length));
      i += length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

RunResult satisfying_run(const CanarySpec& spec) {
  RunResult run;
  run.schema = 2;
  run.recipe = spec.recipe;
  run.ref = spec.sha;
  run.run_id = "teeth-model";
  const auto judged = expected_tiers(spec);
  const auto color = expected_color(spec);
  const auto failing = color == Color::red ? failing_tier(spec, judged) : std::nullopt;
  const auto failing_index = failing ? tier_index(*failing) : std::nullopt;
  for (std::size_t i = 0; i < kStandardTiers.size(); ++i) {
    Status status = Status::pass;
    if (failing_index && i == *failing_index) status = Status::fail;
    if (failing_index && i > *failing_index) status = Status::skip;
    run.tiers.push_back({std::string(kStandardTiers[i]), status, {}, {}});
  }
  if (failing && !failing_index) tier_named(run, *failing).status = Status::fail;
  for (const auto& [tier, status] : judged) {
    if (status != Status::not_run) {
      tier_named(run, tier).status = status;
      continue;
    }
    std::erase_if(run.tiers, [&](const TierResult& result) { return result.name == tier; });
  }
  for (const TestExpectation& test : spec.expect.tests) {
    tier_named(run, test.tier).tests.push_back({concrete_name(test.name), test.status, {}});
  }
  for (const auto& [flag, value] : spec.expect.flags) run.flags[flag] = value;
  run.level = spec.expect.level;
  if (spec.expect.exit_code) {
    run.exit_code = *spec.expect.exit_code;
  } else if (color) {
    run.exit_code = color == Color::red ? 1 : 0;
  } else {
    run.exit_code = derived_exit_code(run);
  }
  return run;
}

}  // namespace canary
