#pragma once
// The dialect rules: what one JUnit testcase's children mean, and what a tier of them means.

#include <canary/run_result.hpp>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace canary::results_detail {

// What the XML said of one <testcase>, before any judging.
struct JunitCase {
  std::string classname;
  std::string name;
  std::optional<double> ms;
  int failures = 0;  // <failure> children (GoogleTest writes one per failed assertion)
  int errors = 0;
  int skips = 0;
  std::string failure_message;  // of the first <failure>
  std::string skip_message;     // of the first <skipped>
  std::string skip_type;
  std::string status_attribute;  // CTest and GoogleTest: run, fail, notrun, disabled
  std::string result_attribute;  // GoogleTest: completed, skipped, suppressed
  std::vector<Status> reruns;    // Surefire's flakyFailure/rerunFailure and the like
};

// `<failure>` beats `<skipped>` (Jenkins would say skipped); pytest's strict XPASS is xpass and
// its xfail skip is xfail; a CTest `<skipped>` that is no SKIP_RETURN_CODE or
// SKIP_REGULAR_EXPRESSION skip ("Unable to find executable") is a failure, as ctest counts it.
// Attributes may make a status worse (a childless notrun is a skip), never better.
Status case_status(const JunitCase& testcase);

// Collects a tier's testcases; a second report of the same (classname, name) keeps the worse
// status and records the other in also_reported.
class TierTests {
 public:
  void add(const JunitCase& testcase);
  std::vector<TestResult> take() { return std::move(tests_); }

 private:
  std::vector<TestResult> tests_;
  std::unordered_map<std::string, std::size_t> index_;  // classname '\0' name -> tests_ index
};

// Fail if a test failed, errored or xpassed; skip if every test skipped (or there is none);
// else pass: xfail counts as passing.
Status tier_status(const std::vector<TestResult>& tests);

}  // namespace canary::results_detail
