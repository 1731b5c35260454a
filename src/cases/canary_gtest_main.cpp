// canary-gtest: each canary YAML file is one value-parameterized GoogleTest case that runs the
// real harness and judges its verdict. Nothing happens in a global Environment: a broken
// precondition must fail a test, not skip every test (docs/design.md, known traps).
#include "canary_case.hpp"
#include "ctest_script.hpp"
#include "gtest_options.hpp"

#include <canary/exit_codes.hpp>
#include <canary/printable.hpp>
#include "runner/process.hpp"
#include <canary/run_record.hpp>
#include <canary/runner.hpp>
#include <canary/tier_table.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace canary {
namespace {

// Filled in main() before InitGoogleTest, which is when GoogleTest reads the parameters.
std::vector<CanaryCase>& all_cases() {
  static std::vector<CanaryCase> cases;
  return cases;
}
GtestOptions& options() {
  static GtestOptions value;
  return value;
}

class CanaryTest : public testing::TestWithParam<CanaryCase> {};

void report_findings(const std::string& id, const Verdict& verdict) {
  // A finding with a spec line is reported at it, so IDEs and CI annotators jump there.
  for (const Finding& finding : verdict.findings) {
    const SourceLocation& at = finding.location;
    const std::string message =
        "[" + id + "] " + std::string(to_string(verdict.outcome)) + ": " +
        terminal_safe(format(finding));
    if (at.known()) {
      ADD_FAILURE_AT(at.file.c_str(), at.line) << message;
    } else {
      ADD_FAILURE() << message;
    }
  }
  if (verdict.findings.empty()) ADD_FAILURE() << "[" << id << "] " << to_string(verdict.outcome);
}

TEST_P(CanaryTest, Run) {
  const CanaryCase& c = GetParam();
  for (const Diagnostic& d : c.diagnostics) {
    if (d.severity == Severity::warning) std::cerr << format(d) << "\n";
  }
  if (!c.spec) {
    for (const Diagnostic& d : c.diagnostics) {
      if (d.severity == Severity::error) ADD_FAILURE() << format(d);
    }
    if (!has_errors(c.diagnostics)) ADD_FAILURE() << c.path << ": error: spec did not load";
    return;
  }
  const CanarySpec& spec = *c.spec;
  if (const int signal = interrupt_signal(); signal != 0) {
    ADD_FAILURE() << "[" << spec.id << "] TOOL_ERROR: not run: canary-gtest was interrupted by "
                  << signal_name(signal);
    return;
  }
  const ProfileFile profile = profile_for(options().workspace, spec);
  if (!profile.ok()) {
    for (const Diagnostic& d : profile.diagnostics) ADD_FAILURE() << format(d);
    if (profile.diagnostics.empty()) ADD_FAILURE() << "harness profile did not load";
    return;
  }

  RunnerOptions runner;
  runner.artifact_root = options().workspace.artifact_root;
  runner.bin_dir = options().workspace.bin_dir;
  runner.retries = options().retries;
  runner.progress = [](const std::string& line) {
    std::cerr << "[canary] " << terminal_safe(line) << std::endl;
  };
  const CanaryRun run = run_canary(spec, *profile.profile, runner);
  ASSERT_FALSE(run.attempts.empty()) << "the runner made no attempt";
  const RunRecord& record = run.last();

  RecordProperty("canary", spec.id);
  RecordProperty("run_id", record.run_id);
  RecordProperty("artifact_dir", record.artifact_dir);
  RecordProperty("outcome", std::string(to_string(run.verdict.outcome)));
  RecordProperty("attempts", static_cast<int>(run.attempts.size()));
  // The matrix as recorded, as `canary report` and the CTest summary show it (run_record.hpp).
  const RunMatrix matrix = recorded_matrix(record, record.artifact_dir);
  std::cout << render_tier_table({{spec.id, matrix.expect,
                                   std::string(to_string(run.verdict.outcome)), matrix.cells}})
            << fmt::format("[canary] {}: {} after {} attempt(s); run {} in {}\n", spec.id,
                           to_string(run.verdict.outcome), run.attempts.size(), record.run_id,
                           record.artifact_dir);

  switch (run.verdict.outcome) {
    case Outcome::pass:
      break;
    case Outcome::xfail:
      std::cout << fmt::format("[canary] {}: XFAIL, known harness bug {} ({}); still unmet:\n",
                               spec.id, spec.xfail ? spec.xfail->bug : "?",
                               spec.xfail ? spec.xfail->reason : "");
      for (const Finding& f : run.verdict.findings) std::cout << "  " << terminal_safe(format(f)) << "\n";
      break;
    case Outcome::flaky:
      std::cout << fmt::format("[canary] {}: FLAKY, the mismatch did not repeat (bug {}):\n",
                               spec.id, spec.flaky ? spec.flaky->bug : "?");
      for (const Finding& f : run.verdict.findings) std::cout << "  " << terminal_safe(format(f)) << "\n";
      break;
    case Outcome::mismatch:
    case Outcome::tool_error:
    case Outcome::xpass:
    case Outcome::untrusted:
      report_findings(spec.id, run.verdict);
      break;
  }
}

INSTANTIATE_TEST_SUITE_P(Canaries, CanaryTest, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<CanaryCase>& param_info) {
                           return param_info.param.param_name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CanaryTest);

std::string runner_path(char** argv) {
  return executable_dir() + "/" + std::string(std::filesystem::path(argv[0]).filename());
}

}  // namespace
}  // namespace canary

int main(int argc, char** argv) {
  using namespace canary;
  options() = parse_gtest_options(argc, argv);
  if (options().help) {
    std::cout << gtest_options_help();
    return to_int(ExitCode::ok);
  }
  if (!options().error.empty()) {
    std::cerr << "canary-gtest: " << options().error << "\n(try --canary-help)\n";
    return to_int(ExitCode::usage_error);
  }
  all_cases() = load_cases(options().workspace);

  if (!options().emit_ctest.empty()) {
    std::ofstream out(options().emit_ctest, std::ios::trunc);
    out << ctest_script(all_cases(), options(), runner_path(argv));
    if (!out.flush()) {
      std::cerr << "canary-gtest: cannot write " << options().emit_ctest << "\n";
      return to_int(ExitCode::tool_error);
    }
    return to_int(ExitCode::ok);
  }

  std::vector<char*> gtest_argv;
  for (auto& arg : options().gtest_args) gtest_argv.push_back(arg.data());
  gtest_argv.push_back(nullptr);
  int gtest_argc = static_cast<int>(gtest_argv.size()) - 1;
  testing::InitGoogleTest(&gtest_argc, gtest_argv.data());
  // SIGINT/SIGTERM: the running canary's harness group is stopped and recorded as interrupted,
  // the canaries after it fail at once, and the exit code says which signal (128+N).
  install_interrupt_handlers();
  const int result = RUN_ALL_TESTS();
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << "canary-gtest: interrupted by " << signal_name(signal) << "\n";
    return 128 + signal;
  }

  // Fail closed: a filter that matches nothing, or a skip, must not read as a pass in CTest.
  const testing::UnitTest& unit = *testing::UnitTest::GetInstance();
  if (result == 0 && unit.test_to_run_count() == 0 && !testing::GTEST_FLAG(list_tests)) {
    std::cerr << "canary-gtest: no canary matched; nothing was judged\n";
    return to_int(ExitCode::nothing_selected);
  }
  if (result == 0 && unit.skipped_test_count() > 0) {
    std::cerr << "canary-gtest: " << unit.skipped_test_count() << " canary test(s) skipped\n";
    return to_int(ExitCode::canary_failed);
  }
  return result;
}
