#include <canary/verdict.hpp>

#include "trust.hpp"

#include <algorithm>

namespace canary {
namespace {

// Test names listed in one finding before the rest are only counted.
constexpr std::size_t kListedTests = 10;

// The exit code judged: the process's, or the cc-ci rule's when none was recorded.
struct ExitCode {
  int value = 0;
  bool derived = false;
};

ExitCode observed_exit_code(const RunResult& result) {
  if (result.exit_code) return {*result.exit_code, result.exit_code_derived};
  return {derived_exit_code(result), true};
}

std::string describe(const ExitCode& code) {
  return std::to_string(code.value) + (code.derived ? " (derived)" : "");
}

bool is_failure(Status status) { return status == Status::fail || status == Status::error; }

void check_verdict(Color expected, const RunResult& result, const ExitCode& code,
                   std::vector<Finding>& findings) {
  const bool tier_failed =
      std::any_of(result.tiers.begin(), result.tiers.end(),
                  [](const TierResult& tier) { return is_failure(tier.status); });
  const bool met = expected == Color::green ? code.value == 0 && !tier_failed : code.value != 0;
  if (met) return;
  std::string actual = code.value == 0 ? "green" : "red";
  actual += " (exit code " + describe(code);
  const char* separator = "; ";
  for (const TierResult& tier : result.tiers) {
    if (!is_failure(tier.status)) continue;
    actual += separator;
    actual += "tier " + tier.name + " is " + std::string(to_string(tier.status));
    separator = ", ";
  }
  actual += ')';
  findings.push_back({"verdict", std::string(to_string(expected)), std::move(actual)});
}

void check_tier(const std::string& tier, Status expected, const RunResult& result,
                std::vector<Finding>& findings) {
  const TierResult* found = result.find_tier(tier);
  if (found != nullptr && found->status == expected) return;
  if (found == nullptr && expected == Status::not_run) return;  // absent: it did not run
  findings.push_back({"tier " + tier,
                      expected == Status::not_run ? "not run" : std::string(to_string(expected)),
                      found == nullptr ? "absent" : std::string(to_string(found->status))});
}

void check_flag(const std::string& flag, bool expected, const RunResult& result,
                std::vector<Finding>& findings) {
  // What Canary had to kill outweighs whatever the harness says about its teardown.
  if (flag == "clean_teardown" && expected) {
    if (auto strays = strays_finding(result)) {
      findings.push_back(std::move(*strays));
      return;
    }
  }
  const auto found = result.flags.find(flag);
  if (found != result.flags.end() && found->second == expected) return;
  const char* actual =
      found == result.flags.end() ? "not reported" : (found->second ? "true" : "false");
  findings.push_back({"flag " + flag, expected ? "true" : "false", actual});
}

// Lists the tests that match the glob, with their statuses: "test_a: pass, test_b: skip".
std::string matching_tests(const TestExpectation& expected, const TierResult& tier) {
  std::string out;
  std::size_t count = 0;
  for (const TestResult& test : tier.tests) {
    const std::string name = match_name(test, expected.name);
    if (!glob_match(expected.name, name)) continue;
    if (++count > kListedTests) continue;
    if (!out.empty()) out += ", ";
    out += name + ": " + std::string(to_string(test.status));
    for (std::size_t i = 0; i < test.also_reported.size(); ++i)
      out += (i == 0 ? " (also reported " : ", ") + std::string(to_string(test.also_reported[i])) +
             (i + 1 == test.also_reported.size() ? ")" : "");
  }
  if (count == 0) return "absent";
  if (count > kListedTests) out += " and " + std::to_string(count - kListedTests) + " more";
  return out;
}

void check_test(const TestExpectation& expected, const RunResult& result,
                std::vector<Finding>& findings) {
  const TierResult* tier = result.find_tier(expected.tier);
  if (tier != nullptr) {
    const bool met =
        std::any_of(tier->tests.begin(), tier->tests.end(), [&](const TestResult& test) {
          return test.status == expected.status &&
                 glob_match(expected.name, match_name(test, expected.name));
        });
    if (met) return;
  }
  findings.push_back({"test " + expected.tier + "/" + expected.name,
                      "present with status " + std::string(to_string(expected.status)),
                      tier == nullptr ? "absent (no tier " + expected.tier + " in the results)"
                                      : matching_tests(expected, *tier)});
}

// Each finding not yet placed points at the spec line its check is named after.
void attach_locations(const CanarySpec& spec, std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    if (finding.location.known()) continue;
    // The reported ref is checked against the pinned `sha:`; a tier's inconsistency is placed
    // at that tier's expectation where the spec has one.
    std::string key = finding.check == "ref" ? "sha" : finding.check;
    if (key.rfind("consistency of ", 0) == 0) key.erase(0, std::string("consistency of ").size());
    finding.location = locate(spec, key);
  }
}

Finding harness_finding(const std::string& tool_error) {
  return {"harness", "a completed run with results.json", tool_error};
}

}  // namespace

std::vector<Finding> judge(const CanarySpec& spec, const RunResult& result) {
  if (result.tool_error) return {harness_finding(*result.tool_error)};
  std::vector<Finding> findings = trust_findings(spec, result);
  const Expectation& expect = spec.expect;
  const ExitCode code = observed_exit_code(result);
  if (const auto color = expected_color(spec)) check_verdict(*color, result, code, findings);
  if (expect.exit_code && *expect.exit_code != code.value) {
    findings.push_back({"exit_code", std::to_string(*expect.exit_code), describe(code)});
  }
  if (expect.fails_at || !expect.tiers.empty()) {
    for (const auto& [tier, status] : expected_tiers(spec))
      check_tier(tier, status, result, findings);
  }
  if (expect.level && result.level != expect.level) {
    findings.push_back({"level", std::to_string(*expect.level),
                        result.level ? std::to_string(*result.level) : "not reported"});
  }
  for (const auto& [flag, value] : expect.flags) {
    if (result.reports_flags) {
      check_flag(flag, value, result, findings);
    } else if (std::find(expect.named_flags.begin(), expect.named_flags.end(), flag) !=
               expect.named_flags.end()) {
      findings.push_back({"flag " + flag, value ? "true" : "false",
                          "not reported by a JUnit harness"});  // the format has no flags
    }
  }
  for (const TestExpectation& test : expect.tests) check_test(test, result, findings);
  attach_locations(spec, findings);
  return findings;
}

Verdict evaluate(const CanarySpec& spec, const RunResult& result) {
  Verdict verdict;
  verdict.findings = judge(spec, result);
  if (result.tool_error) {
    verdict.outcome = Outcome::tool_error;  // xfail never turns a harness failure into a pass
  } else if (!trust_findings(spec, result).empty()) {
    verdict.outcome = Outcome::mismatch;  // another run's report: xfail cannot vouch for it
  } else if (!spec.xfail) {
    verdict.outcome = verdict.findings.empty() ? Outcome::pass : Outcome::mismatch;
  } else if (!verdict.findings.empty()) {
    verdict.outcome = Outcome::xfail;  // the findings stay, so people see what is still wrong
  } else {
    verdict.outcome = Outcome::xpass;
    verdict.findings.push_back({"xfail", "expectations not met (known bug " + spec.xfail->bug + ")",
                                "all expectations met: the bug is fixed, remove the xfail",
                                locate(spec, "xfail")});
  }
  return verdict;
}

}  // namespace canary
