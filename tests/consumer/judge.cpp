// consumer_judge SPEC RESULTS EXIT_CODE: the outcome of a recorded run, judged with the library.
// Prints "<id>: <OUTCOME>" and every finding; exits 0 on PASS or XFAIL, 1 otherwise, 2 on bad input.
#include <canary/canary.hpp>

#include <iostream>
#include <string>

static_assert(CANARY_VERSION >= 100, "the umbrella header brings <canary/version.hpp>");

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer_judge SPEC RESULTS EXIT_CODE\n";
    return 2;
  }
  const canary::SpecFile spec = canary::load_spec_file(argv[1]);
  if (!spec.ok()) {
    std::cerr << argv[1] << ": does not load\n";
    return 2;
  }
  canary::ParsedResults parsed = canary::parse_results_file(argv[2]);
  if (!parsed.ok()) {
    std::cerr << parsed.error << "\n";
    return 2;
  }
  parsed.result.exit_code = std::stoi(argv[3]);
  const canary::Verdict verdict = canary::evaluate(*spec.spec, parsed.result);
  std::cout << spec.spec->id << ": " << canary::to_string(verdict.outcome) << "\n";
  for (const canary::Finding& finding : verdict.findings) {
    std::cout << "  " << canary::format(finding) << "\n";
  }
  return canary::is_success(verdict.outcome) ? 0 : 1;
}
