#pragma once
// The verdict evaluator: a pure function of (spec, run result).

#include <canary/run_result.hpp>
#include <canary/spec.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

// FLAKY: a `flaky` canary mismatched, and its reruns passed; not a failure, but reported.
// UNTRUSTED: a record Canary did not write (the run index does not vouch for it): a failure.
enum class Outcome { pass, mismatch, tool_error, xfail, xpass, flaky, untrusted };
std::string_view to_string(Outcome outcome);  // "PASS", "MISMATCH", ...
std::optional<Outcome> parse_outcome(std::string_view word);
// PASS, XFAIL and FLAKY count as passing; everything else fails the canary.
bool is_success(Outcome outcome);

// One expectation that did not hold (or, for tool errors, why nothing could be judged).
struct Finding {
  std::string check;     // what was checked: "verdict", "exit_code", "tier backup",
                         // "test backup/test_backup_*", "level", "flag clean_teardown", "harness"
  std::string expected;  // "red", "fail", "present with status fail", "true", ...
  std::string actual;    // "green", "pass", "absent", "not reported", ...
  // The spec line of the expectation checked; the evaluator fills it from spec.places by
  // `check`, so a new check named after its key gets it free (else: `locate(spec, "sha")`).
  SourceLocation location{};

  bool operator==(const Finding&) const = default;
};
std::string format(const Finding& finding);  // "tier backup: expected fail, got pass"
// Compiler form when the location is known: "canaries/b.yaml:11:5: tier backup: expected fail,
// got pass"; otherwise the same as format().
std::string format_located(const Finding& finding);

struct Verdict {
  Outcome outcome = Outcome::tool_error;
  // For MISMATCH, XFAIL and XPASS: every expectation that did not hold (none for XPASS).
  // For TOOL_ERROR: one finding with check "harness" naming the cause.
  std::vector<Finding> findings;
};

Verdict evaluate(const CanarySpec& spec, const RunResult& result);

// Every expectation judged against the result, without the xfail inversion, in the order
// verdict, exit_code, tiers, level, flags, tests; first whatever makes the report not this
// run's (recipe, ref, run_id, freshness, consistency), which makes the outcome MISMATCH even
// for an xfail canary. Processes Canary killed fail `flag clean_teardown`. A result with tool_error yields only the
// "harness" finding. With no exit code recorded, the cc-ci rule's is judged, marked "(derived)".
std::vector<Finding> judge(const CanarySpec& spec, const RunResult& result);

// Glob match for test names: `*` any run, `?` one char, `[abc]`/`[a-z]`/`[!x]` a class.
// Byte-wise; an unclosed `[` is a literal. Work is bounded by pattern size × text size.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace canary
