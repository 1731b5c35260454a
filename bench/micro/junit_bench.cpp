// JUnit XML: parse + judge of a 1,000-testcase pytest-shaped report (one tier), the per-tier
// work of a JUnit harness's run. Counters: testcases, bytes_per_testcase, and the time per
// testcase. Fails (SkipWithError) if the report stops parsing or the canary stops passing.
#include <canary/junit_results.hpp>
#include <canary/spec_loader.hpp>
#include <canary/verdict.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

constexpr int kTestcases = 1000;

// pytest xunit2: mostly passes, every 50th a failure, a skip and an xfail, like a real suite.
std::string report() {
  std::string xml = R"(<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" )"
                    R"(errors="0" failures="20" skipped="40" tests="1000" time="12.5">)";
  for (int i = 0; i < kTestcases; ++i) {
    xml += R"(<testcase classname="tests.test_custom.TestSuite)" + std::to_string(i / 100) +
           R"(" name="test_case_)" + std::to_string(i) + R"(" time="0.012">)";
    if (i % 50 == 1) {
      xml += R"(<failure message="assert 1 == 2">&gt;   assert 1 == 2
E   assert 1 == 2

tests/test_custom.py:12: AssertionError</failure>)";
    } else if (i % 50 == 2) {
      xml += R"(<skipped type="pytest.skip" message="not on this platform">tests/test_custom.py:20: not on this platform</skipped>)";
    } else if (i % 50 == 3) {
      xml += R"(<skipped type="pytest.xfail" message="bug 993" />)";
    }
    xml += "</testcase>";
  }
  return xml + "</testsuite></testsuites>\n";
}

constexpr const char* kSpec = R"(canary: junit-bench
recipe: r
sha: "1111111111111111111111111111111111111111"
expect:
  verdict: red
  tiers: {custom: fail}
  tests:
    - {tier: custom, name: test_case_1, status: fail}
    - {tier: custom, name: "tests.test_custom.TestSuite9::test_case_9*", status: pass}
    - {tier: custom, name: test_case_3, status: xfail}
)";

void BM_JunitParseAndJudge1000(benchmark::State& state) {
  const std::string xml = report();
  const canary::SpecFile file = canary::load_spec("junit-bench.yaml", kSpec);
  if (!file.ok()) {
    state.SkipWithError("the spec did not load");
    return;
  }
  for (auto _ : state) {
    canary::ParsedJunitTier tier = canary::parse_junit(xml, "custom.xml", "custom");
    canary::RunResult result;
    result.reports_flags = false;
    result.exit_code = 1;
    const bool parsed = tier.ok() && tier.tier.tests.size() == kTestcases;
    result.tiers.push_back(std::move(tier.tier));
    const canary::Verdict verdict = canary::evaluate(*file.spec, result);
    if (!parsed || verdict.outcome != canary::Outcome::pass) {
      state.SkipWithError("the 1,000-testcase report was not parsed and judged PASS");
      break;
    }
    benchmark::DoNotOptimize(verdict);
  }
  state.counters["testcases"] = kTestcases;
  state.counters["bytes_per_testcase"] = static_cast<double>(xml.size()) / kTestcases;
  state.counters["per_testcase"] = benchmark::Counter(
      kTestcases, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_JunitParseAndJudge1000)->Unit(benchmark::kMicrosecond);

}  // namespace
