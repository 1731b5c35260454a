// Micro-benchmarks of the stages cold verification and listing spend their time in:
// parse_results (results.json -> RunResult), load_spec (YAML -> CanarySpec) and evaluate.
// Run: build/bin/canary_micro_bench (bench/run runs it too). Figures only, no assertions
// on time; each benchmark fails (SkipWithError) if the input stops parsing, so a broken
// stage cannot report a fast figure.
#include <canary/results_parser.hpp>
#include <canary/spec_loader.hpp>
#include <canary/verdict.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

namespace {

// What canary-example-harness writes for a recipe broken at backup (schema 2).
constexpr std::string_view kResults = R"({
  "recipe": "example-broken-backup", "ref": "2222222222222222222222222222222222222222", "run_id": "example-bad-backup-20261122T002531Z-26121-487ec479", "finished": "2026-11-22T00:25:31Z",
  "results": {"install": "pass", "upgrade": "pass", "backup": "fail", "restore": "skip", "custom": "skip"},
  "stages": [
    {"name": "install", "status": "pass", "tests": [{"name": "test_serving", "status": "pass", "ms": 3}]},
    {"name": "upgrade", "status": "pass", "tests": [{"name": "test_upgrade_reconverges", "status": "pass", "ms": 4}]},
    {"name": "backup", "status": "fail", "tests": [
      {"name": "test_backup_artifact", "status": "pass", "ms": 2},
      {"name": "test_backup_captures_state", "status": "fail", "ms": 2}]},
    {"name": "restore", "status": "skip", "tests": [{"name": "test_restore_returns_state", "status": "skip", "ms": 2}]},
    {"name": "custom", "status": "skip", "tests": [{"name": "test_content_type_html_and_txt", "status": "skip", "ms": 1}]}
  ],
  "level": 2,
  "flags": {"clean_teardown": true, "no_secret_leak": true}
}
)";

constexpr std::string_view kSpec = R"(canary: example-bad-backup
about: >
  EXAMPLE: a recipe broken at backup must come out RED at backup, with the guard that
  caught it failing.
recipe: example-broken-backup
ref: broken-backup
sha: 2222222222222222222222222222222222222222
labels: [canary_fast]
timeout: 30s
harness: example
expect:
  fails_at: backup
  tiers: {restore: skip, custom: skip}
  tests:
    - {tier: backup, name: test_backup_captures_state, status: fail}
    - {tier: backup, name: test_backup_art*, status: pass}
)";

// Judges the example's results: false, with the benchmark failed, unless they parsed and the
// verdict is PASS.
bool judged_pass(benchmark::State& state, const canary::CanarySpec& spec,
                 const canary::ParsedResults& parsed) {
  canary::Verdict verdict = canary::evaluate(spec, parsed.result);
  if (!parsed.ok() || verdict.outcome != canary::Outcome::pass) {
    state.SkipWithError("the matching run was not judged PASS");
    return false;
  }
  benchmark::DoNotOptimize(verdict);
  return true;
}

void BM_ParseResults(benchmark::State& state) {
  const std::string source = "results.json";
  for (auto _ : state) {
    canary::ParsedResults parsed = canary::parse_results(kResults, source);
    if (!parsed.ok()) {
      state.SkipWithError(parsed.error.c_str());
      break;
    }
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kResults.size()));
}
BENCHMARK(BM_ParseResults);

// The error path must stay cheap too: a malformed status deep in the document.
void BM_ParseResultsMalformed(benchmark::State& state) {
  std::string text(kResults);
  text.replace(text.find("\"fail\", \"ms\""), 6, "\"flunk\"");
  const std::string source = "results.json";
  for (auto _ : state) {
    canary::ParsedResults parsed = canary::parse_results(text, source);
    if (parsed.ok()) {
      state.SkipWithError("the malformed document parsed");
      break;
    }
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseResultsMalformed);

void BM_LoadSpec(benchmark::State& state) {
  const std::string path = "example-bad-backup.yaml";
  for (auto _ : state) {
    canary::SpecFile file = canary::load_spec(path, kSpec);
    if (!file.ok()) {
      state.SkipWithError("the spec did not load");
      break;
    }
    benchmark::DoNotOptimize(file);
  }
}
BENCHMARK(BM_LoadSpec);

void BM_Evaluate(benchmark::State& state) {
  const canary::SpecFile file = canary::load_spec("example-bad-backup.yaml", kSpec);
  canary::ParsedResults parsed = canary::parse_results(kResults, "results.json");
  if (!file.ok() || !parsed.ok()) {
    state.SkipWithError("inputs did not load");
    return;
  }
  parsed.result.exit_code = 1;
  for (auto _ : state) {
    if (!judged_pass(state, *file.spec, parsed)) break;
  }
}
BENCHMARK(BM_Evaluate);

// Parse + judge: the per-dir work of `canary verify` without the file system.
void BM_ParseAndJudge(benchmark::State& state) {
  const canary::SpecFile file = canary::load_spec("example-bad-backup.yaml", kSpec);
  if (!file.ok()) {
    state.SkipWithError("the spec did not load");
    return;
  }
  const std::string source = "results.json";
  for (auto _ : state) {
    canary::ParsedResults parsed = canary::parse_results(kResults, source);
    parsed.result.exit_code = 1;
    if (!judged_pass(state, *file.spec, parsed)) break;
  }
}
BENCHMARK(BM_ParseAndJudge);

}  // namespace

BENCHMARK_MAIN();
