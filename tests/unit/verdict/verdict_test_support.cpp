#include "verdict_test_support.hpp"

#include <stdexcept>

namespace canary {

void PrintTo(const Finding& finding, std::ostream* out) { *out << '{' << format(finding) << '}'; }
void PrintTo(Outcome outcome, std::ostream* out) { *out << to_string(outcome); }

namespace testing {
namespace {

TestResult test(const char* name, Status status) { return TestResult{name, status, std::nullopt}; }

}  // namespace

RunResult healthy_run(const RunChange& change) {
  RunResult result;
  result.schema = 2;
  result.recipe = "custom-html-tiny";
  result.tiers = {
      {"install",
       Status::pass,
       {test("test_serving", Status::pass), test("test_content_type_html", Status::pass),
        test("test_content_type_css", Status::pass)},
       ""},
      {"upgrade", Status::pass, {test("test_serving_after_upgrade", Status::pass)}, ""},
      {"backup",
       Status::pass,
       {test("test_backup_artifact", Status::pass),
        test("test_backup_captures_state", Status::pass)},
       ""},
      {"restore", Status::pass, {test("test_restore_state", Status::pass)}, ""},
      {"custom", Status::pass, {}, ""},
  };
  result.level = 5;
  result.flags = {{"clean_teardown", true}, {"no_secret_leak", true}};
  result.exit_code = 0;
  if (change) change(result);
  return result;
}

RunResult red_at_backup_run(const RunChange& change) {
  RunResult result = healthy_run();
  tier(result, "backup").status = Status::fail;
  tier(result, "backup").tests[1].status = Status::fail;
  tier(result, "restore") = {"restore", Status::skip, {}, "backup failed"};
  tier(result, "custom").status = Status::skip;
  result.level = 2;
  result.exit_code = 1;
  if (change) change(result);
  return result;
}

CanarySpec spec_expecting(const ExpectChange& change) {
  CanarySpec spec;
  spec.id = "verdict-test";
  spec.recipe = "custom-html-tiny";
  spec.sha = std::string(40, 'a');
  if (change) change(spec.expect);
  return spec;
}

TierResult& tier(RunResult& result, std::string_view name) {
  for (TierResult& entry : result.tiers) {
    if (entry.name == name) return entry;
  }
  throw std::logic_error("test run has no tier " + std::string(name));
}

}  // namespace testing
}  // namespace canary
