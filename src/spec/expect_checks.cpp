#include "expect_reader.hpp"

#include <algorithm>

namespace canary::spec_detail {
namespace {

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

void check_exit_code(const ExpectDraft& draft, Reporter& reporter) {
  const Expectation& expect = draft.expect;
  if (!expect.exit_code) return;
  const int code = *expect.exit_code;
  const Place at = *draft.exit_code_at;
  if (expect.verdict == Color::green && code != 0) {
    reporter.error(at, "'exit_code: " + std::to_string(code) +
                           "' contradicts 'verdict: green' (green means exit code 0)");
  } else if (expect.verdict == Color::red && code == 0) {
    reporter.error(at,
                   "'exit_code: 0' contradicts 'verdict: red' (red means a non-zero exit code)");
  } else if (expect.fails_at && code == 0) {
    reporter.error(at, "'exit_code: 0' contradicts 'fails_at: " + *expect.fails_at +
                           "' (a failing tier means a non-zero exit code)");
  }
}

void check_tiers(const ExpectDraft& draft, Reporter& reporter) {
  const Expectation& expect = draft.expect;
  const bool green = expect.verdict == Color::green;
  const auto failing_index = expect.fails_at ? tier_index(*expect.fails_at) : std::nullopt;
  for (std::size_t i = 0; i < expect.tiers.size(); ++i) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const std::string& tier = expect.tiers[i].first;
    const Status status = expect.tiers[i].second;
    const Place at = draft.tier_at[i];
    const std::string listed =
        "tier " + quoted(tier) + " is listed as " + std::string(to_string(status));
    if (expect.fails_at && tier == *expect.fails_at && status != Status::fail) {
      reporter.error(at, listed + ", but 'fails_at: " + tier + "' says it fails");
    } else if (const auto index = tier_index(tier);
               index && failing_index && *index < *failing_index && status != Status::pass) {
      reporter.error(at, listed + ", but 'fails_at: " + *expect.fails_at +
                             "' needs every earlier tier to pass");
    }
    if (green && (status == Status::fail || status == Status::error)) {
      reporter.error(at, listed + ", but 'verdict: green' means no tier fails or errors");
    }
    const auto named = std::find_if(expect.tests.begin(), expect.tests.end(),
                                    [&](const TestExpectation& test) { return test.tier == tier; });
    if (status == Status::not_run && named != expect.tests.end()) {
      reporter.error(at, listed + ", but test " + quoted(named->name) +
                             " must be in it (a tier that did not run has no tests)");
    }
  }
}

// Every standard tier listed as not_run: a run that stops before any tier, whose teeth are
// the tiers that must stay absent (a harness that runs one anyway is caught there).
bool expects_no_tier_run(const Expectation& expect) {
  return std::all_of(kStandardTiers.begin(), kStandardTiers.end(), [&](std::string_view tier) {
    return std::any_of(expect.tiers.begin(), expect.tiers.end(), [&](const auto& entry) {
      return entry.first == tier && entry.second == Status::not_run;
    });
  });
}

// The colour the teeth rule judges by; an explicit verdict wins, then fails_at, then exit_code.
std::optional<Color> judged_color(const Expectation& expect) {
  if (expect.verdict) return expect.verdict;
  if (expect.fails_at) return Color::red;
  if (expect.exit_code) return *expect.exit_code == 0 ? Color::green : Color::red;
  return std::nullopt;
}

bool names_test(const Expectation& expect, Status status, const std::vector<std::string>& tiers) {
  return std::any_of(expect.tests.begin(), expect.tests.end(), [&](const TestExpectation& test) {
    return test.status == status &&
           (tiers.empty() || std::find(tiers.begin(), tiers.end(), test.tier) != tiers.end());
  });
}

void check_teeth(const ExpectDraft& draft, Reporter& reporter) {
  const Expectation& expect = draft.expect;
  const auto color = judged_color(expect);
  // A canary whose colour is contradictory or unknown has already been reported.
  if (!draft.complete || !color || (expect.verdict == Color::green && draft.fails_at_at)) return;
  const Place at = draft.tests_at.value_or(draft.at);
  if (*color == Color::green) {
    if (!names_test(expect, Status::pass, {})) {
      reporter.error(at,
                     "a green canary must name a test that must pass, or it cannot tell a "
                     "healthy run from a deleted guard");
    }
    return;
  }
  std::vector<std::string> failing;
  std::string where;
  if (expect.fails_at) {
    failing.push_back(*expect.fails_at);
    where = " in tier " + quoted(*expect.fails_at);
  } else {
    for (const auto& [tier, status] : expect.tiers) {
      if (status != Status::fail) continue;
      where += failing.empty() ? " in a tier listed as fail (" : " or ";
      where += quoted(tier);
      failing.push_back(tier);
    }
    if (!failing.empty()) where += ")";
  }
  if (failing.empty() && expects_no_tier_run(expect)) return;
  if (!names_test(expect, Status::fail, failing)) {
    reporter.error(at, "a red canary must name a test that must fail" + where +
                           ", or it cannot tell a caught bug from a deleted guard");
  }
}

}  // namespace

void check_expect(const ExpectDraft& draft, Reporter& reporter) {
  if (!draft.verdict_at && !draft.fails_at_at && !draft.exit_code_at) {
    reporter.error(draft.at,
                   "'expect' judges no verdict: give 'verdict', 'fails_at' or 'exit_code'");
  }
  if (draft.expect.verdict == Color::green && draft.fails_at_at) {
    reporter.error(*draft.fails_at_at, "'fails_at' means verdict red, but 'verdict' is green");
  }
  check_exit_code(draft, reporter);
  check_tiers(draft, reporter);
  check_teeth(draft, reporter);
}

}  // namespace canary::spec_detail
