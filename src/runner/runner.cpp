#include <canary/runner.hpp>

#include "runner/process.hpp"
#include <canary/results_parser.hpp>
#include <canary/run_record.hpp>
#include <canary/secrets.hpp>

#include "model/text_bytes.hpp"  // hex_escaped()
#include "artifact_dir.hpp"
#include "log_tail.hpp"
#include "timestamps.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <thread>

namespace canary {
namespace {

namespace fs = std::filesystem;
using SystemClock = std::chrono::system_clock;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kStdoutLog = "harness.stdout.log";
constexpr const char* kStderrLog = "harness.stderr.log";

struct Attempt {
  RunRecord record;
  RunResult result;
  Verdict verdict;
  bool retryable = true;  // false for a fault in the configuration: a retry would repeat it
  bool stray_processes = false;
};

// The profile's templates filled for one attempt; `error` set when one does not expand.
struct Invocation {
  std::string artifact_dir;
  std::vector<std::string> command;
  std::map<std::string, std::string> env;
  std::string results_path;
  std::vector<JunitTierFile> junit_tiers;  // read instead of results_path when given
  std::string error;
};

std::string absolute_path(const std::string& path) {
  std::error_code ignored;
  const fs::path absolute = fs::absolute(path.empty() ? "." : path, ignored);
  return absolute.lexically_normal().string();
}

Invocation fill_profile(const CanarySpec& spec, const HarnessProfile& profile,
                        const RunnerOptions& options, const std::string& run_id) {
  Invocation out;
  Placeholders values = {
      {"bin", options.bin_dir},
      {"recipe", spec.recipe},
      {"sha", spec.sha},
      {"ref", spec.ref},
      {"run_id", run_id},
      {"canary", spec.id},
      {"artifact_root", options.artifact_root},
      {"profile_dir", fs::path(absolute_path(profile.path)).parent_path().string()},
  };
  auto fill = [&](const std::string& where, const std::string& text) {
    std::string message;
    auto filled = expand(text, values, &message);
    if (!filled && out.error.empty()) {
      out.error = "profile " + profile.path + ": '" + where + "': " + message;
    }
    return filled.value_or("");
  };
  if (options.artifact_root.empty()) {
    out.error = "no artifact root: refusing to put artifacts at the top of the file system";
    return out;
  }
  out.artifact_dir = absolute_path(fill("artifacts", profile.artifacts));
  values.emplace("artifacts", out.artifact_dir);
  for (std::size_t i = 0; i < profile.command.size(); ++i) {
    out.command.push_back(fill("command[" + std::to_string(i) + "]", profile.command[i]));
  }
  for (const auto& [name, text] : profile.env) out.env[name] = fill("env." + name, text);
  out.results_path = out.artifact_dir + "/" + fill("results", profile.results);
  out.junit_tiers = profile.junit_tiers;
  if (out.error.empty() && out.command.empty()) {
    out.error = "profile " + profile.path + ": 'command' is empty";
  }
  return out;
}

// What the harness left: a RunResult, or the tool error saying why there is none.
RunResult judge_process(const CanarySpec& spec, const Invocation& invocation,
                        const ProcessOutcome& process, const SecretMask& mask) {
  RunResult result;
  const std::string stderr_log = invocation.artifact_dir + "/" + kStderrLog;
  // How the harness ended and what it last said: the cause sits in its stderr more often than not.
  auto ended = [&](const std::string& how) { return how + "; " + log_tail(stderr_log, mask); };
  if (process.interrupted) {
    result.tool_error = "interrupted by " + signal_name(*process.interrupted) +
                        (process.started ? std::string(": stopped the harness group with ") +
                                               (process.killed ? "SIGKILL" : "SIGTERM") + "; see " +
                                               stderr_log
                                         : std::string(" before the harness started"));
  } else if (!process.started) {
    result.tool_error = "could not start harness: " + process.start_error;
  } else if (process.timed_out) {
    result.tool_error = ended("harness timed out after " + format_duration(spec.timeout) +
                              " (killed with " + (process.killed ? "SIGKILL" : "SIGTERM") + ")");
  } else if (process.signal) {
    result.tool_error = ended("harness killed by " + signal_name(*process.signal));
  } else {
    ParsedResults parsed = read_results_for(invocation.artifact_dir, invocation.results_path,
                                            invocation.junit_tiers, mask);
    if (parsed.ok()) {
      result = std::move(parsed.result);
    } else {
      result.tool_error = ended(parsed.error + "; the harness exited with code " +
                                std::to_string(process.exit_code.value_or(-1)));
    }
  }
  result.exit_code = process.exit_code;
  return result;
}

// Whatever a harness reported is masked before Canary keeps, prints or records it.
void mask_result(RunResult& result, const SecretMask& mask) {
  if (result.tool_error) result.tool_error = mask.apply(*result.tool_error);
  for (std::string* text : {&result.recipe, &result.ref, &result.run_id, &result.finished}) {
    *text = mask.apply(*text);
  }
  for (Inconsistency& tier : result.inconsistencies) {
    tier.tier = mask.apply(tier.tier);
    tier.what = mask.apply(tier.what);
  }
  for (TierResult& tier : result.tiers) {
    tier.name = mask.apply(tier.name);
    tier.skip_reason = mask.apply(tier.skip_reason);
    for (TestResult& test : tier.tests) test.name = mask.apply(test.name);
  }
}

// A stray's command line for the record: cut after masking, control characters escaped.
std::string printable_command(const std::string& masked) {
  constexpr std::size_t kCommandBytes = 200;
  return hex_escaped(masked, kCommandBytes);
}

std::int64_t unix_ms(SystemClock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

// What Canary itself saw of the attempt, for the evaluator to hold the report against.
Observed observe(const Invocation& invocation, const std::string& run_id,
                 SystemClock::time_point harness_started, const RunRecord& record,
                 const HarnessProfile& profile) {
  Observed seen;
  seen.run_id = run_id;
  seen.started_ms = unix_ms(harness_started);
  struct stat info {};
  if (::lstat(invocation.results_path.c_str(), &info) == 0) {
    seen.results_mtime_ms = std::int64_t{info.st_mtim.tv_sec} * 1000 + info.st_mtim.tv_nsec / 1000000;
  }
  seen.results_name = fs::path(invocation.results_path).filename().string();
  seen.strays = record.strays;
  seen.stray_commands = record.stray_commands;
  seen.identity_required = profile.identity_required;
  return seen;
}

Attempt run_attempt(const CanarySpec& spec, const HarnessProfile& profile,
                    const RunnerOptions& options, int number, const std::string& run_id,
                    const SecretMask& mask) {
  Attempt attempt;
  RunRecord& record = attempt.record;
  record.canary = spec.id;
  record.spec_path = spec.path;
  record.spec_hash = spec.hash;
  record.profile = profile.name;
  record.profile_path = absolute_path(profile.path);
  record.secret_names = profile.secrets;
  record.run_id = run_id;
  record.attempts = number;
  const auto started = SystemClock::now();
  const auto started_steady = SteadyClock::now();
  record.started = iso_utc(started);

  const Invocation invocation = fill_profile(spec, profile, options, run_id);
  for (const std::string& arg : invocation.command) record.command.push_back(mask.apply(arg));
  record.artifact_dir = invocation.artifact_dir;
  RunResult result;
  const RunAs run_as = resolve_user(profile);
  DirHandle created, dir;
  std::string setup_error = !invocation.error.empty() ? invocation.error : run_as.error;
  if (setup_error.empty()) {
    setup_error = prepare_artifact_dir(invocation.artifact_dir, run_as, created);
    if (setup_error.empty()) setup_error = announce_run(options.artifact_root, record);
  }
  if (!setup_error.empty()) {
    attempt.retryable = invocation.error.empty();
    result.tool_error = setup_error;
  } else {
    ProcessRequest request;
    request.argv = invocation.command;
    request.env = invocation.env;
    request.stdout_path = invocation.artifact_dir + "/" + kStdoutLog;
    request.stderr_path = invocation.artifact_dir + "/" + kStderrLog;
    request.timeout = spec.timeout;
    request.grace = profile.grace;
    const auto harness_started = SystemClock::now();
    request.uid = run_as.uid;
    request.gid = run_as.gid;
    for (const auto& [name, value] : run_as.environment) request.env.emplace(name, value);
    const ProcessOutcome process = run_process(request);
    attempt.stray_processes = process.stray_processes;
    record.strays = process.stray_count;
    for (const std::string& command : process.stray_commands) {
      record.stray_commands.push_back(printable_command(mask.apply(command)));
    }
    record.exit_code = process.exit_code;
    if (process.signal) record.signal = signal_name(*process.signal);
    record.timed_out = process.timed_out;
    if (process.interrupted) record.interrupted = signal_name(*process.interrupted);
    // Nothing in a dir swapped during the run is read: it is not the one Canary made.
    if (const std::string moved = reopen_artifact_dir(invocation.artifact_dir, run_as, created, dir);
        moved.empty()) {
      result = judge_process(spec, invocation, process, mask);
      result.observed = observe(invocation, run_id, harness_started, record, profile);
    } else {
      result.tool_error = moved;
      result.exit_code = process.exit_code;
    }
  }
  mask_result(result, mask);
  attempt.verdict = evaluate(spec, result);
  mask_findings(attempt.verdict.findings, mask);
  attempt.result = std::move(result);

  const auto finished = SystemClock::now();
  record.finished = iso_utc(finished);
  record.duration_s = std::chrono::duration<double>(SteadyClock::now() - started_steady).count();
  record.outcome = attempt.verdict.outcome;
  record.findings = attempt.verdict.findings;
  record.expect = expectation_summary(spec);
  record.tiers = tier_cells(spec, attempt.result);
  if (!invocation.artifact_dir.empty() && setup_error.empty()) {
    const std::string write_error =
        dir.valid() ? commit_record(options.artifact_root, dir, record)
                    : "not written: the artifact dir is not the one Canary created";
    if (!write_error.empty()) {
      // Fail closed: a run nobody can audit does not pass; a failing outcome stays as it is.
      const Finding finding{"record", std::string(kRunRecordFile) + " written", write_error};
      attempt.verdict.findings.push_back(finding);
      record.findings.push_back(finding);
      if (is_success(attempt.verdict.outcome)) {
        attempt.verdict.outcome = Outcome::tool_error;
        record.outcome = Outcome::tool_error;
      }
    }
  }
  return attempt;
}

Attempt guarded_attempt(const CanarySpec& spec, const HarnessProfile& profile,
                        const RunnerOptions& options, int number, const std::string& run_id,
                        const SecretMask& mask) {
  try {
    return run_attempt(spec, profile, options, number, run_id, mask);
  } catch (const std::exception& e) {
    Attempt attempt;
    attempt.record.canary = spec.id;
    attempt.record.run_id = run_id;
    attempt.record.attempts = number;
    attempt.verdict.findings = {{"harness", "a completed run with results.json",
                                 std::string("runner failed: ") + e.what()}};
    mask_findings(attempt.verdict.findings, mask);
    attempt.record.findings = attempt.verdict.findings;
    // The matrix too, as every other attempt's record has it: every view takes it from here.
    attempt.record.expect = expectation_summary(spec);
    attempt.record.tiers = tier_cells(spec, attempt.result);
    return attempt;
  }
}

std::string cause(const Verdict& verdict) {
  return verdict.findings.empty() ? std::string("no cause given") : verdict.findings.front().actual;
}

// Sleeps for `duration`, waking early when this process is interrupted.
void interruptible_sleep(std::chrono::milliseconds duration) {
  const auto until = SteadyClock::now() + duration;
  while (interrupt_signal() == 0 && SteadyClock::now() < until) {
    std::this_thread::sleep_for(
        std::min<SteadyClock::duration>(std::chrono::milliseconds(50), until - SteadyClock::now()));
  }
}

// One run of the canary: attempts until one completes (or the retries are spent), as in
// docs/design.md; `label` names the run in progress lines ("" for the first, "rerun 1/2 " after).
void run_with_retries(const CanarySpec& spec, const HarnessProfile& profile,
                      const RunnerOptions& options, const SecretMask& mask,
                      const std::string& label, CanaryRun& run) {
  const int total = 1 + std::max(0, options.retries.value_or(profile.retries));
  auto backoff = options.retry_backoff;
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(mask.apply(line));
  };
  for (int number = 1;; ++number) {
    const std::string prefix = label + "attempt " + std::to_string(number) + "/" +
                               std::to_string(total) + " of " + spec.id + ": ";
    const std::string run_id = make_run_id(spec.id);
    say(prefix + "running " + run_id);
    const int overall = static_cast<int>(run.attempts.size()) + 1;
    Attempt attempt = guarded_attempt(spec, profile, options, overall, run_id, mask);
    if (attempt.stray_processes) say(prefix + "the harness left processes behind; killed them");
    run.attempts.push_back(attempt.record);
    run.result = std::move(attempt.result);
    run.verdict = std::move(attempt.verdict);
    const bool interrupted = interrupt_signal() != 0;
    const bool retry = run.verdict.outcome == Outcome::tool_error && attempt.retryable &&
                       number < total && !interrupted;
    if (!retry) {
      const std::string outcome(to_string(run.verdict.outcome));
      say(prefix + (run.verdict.outcome == Outcome::tool_error ? outcome + ": " + cause(run.verdict)
                                                               : outcome));
      return;
    }
    say(prefix + cause(run.verdict) + ", retrying in " + format_duration(backoff));
    interruptible_sleep(backoff);
    backoff *= 2;
  }
}

// Puts the final outcome of a flaky canary into its last record and rewrites that record.
void record_flake(CanaryRun& run, FlakeRecord flake, const std::string& root) {
  RunRecord& last = run.attempts.back();
  last.outcome = run.verdict.outcome;
  last.findings = run.verdict.findings;
  last.flaky = std::move(flake);
  if (last.artifact_dir.empty()) return;
  const std::string error = rewrite_record(root, last);
  if (error.empty()) return;
  const Finding finding{"record", std::string(kRunRecordFile) + " written", error};
  run.verdict.findings.push_back(finding);
  last.findings.push_back(finding);
  run.verdict.outcome = Outcome::tool_error;
  last.outcome = Outcome::tool_error;
}

}  // namespace

Verdict confirm_flake(const Flaky& flaky, const Verdict& first,
                      const std::function<Verdict(int rerun)>& rerun) {
  const std::string check = "flaky (" + flaky.bug + ")";
  for (int n = 1; n <= flaky.reruns; ++n) {
    Verdict verdict = rerun(n);
    if (verdict.outcome == Outcome::pass) continue;
    const std::string which = "rerun " + std::to_string(n) + "/" + std::to_string(flaky.reruns);
    if (verdict.outcome == Outcome::mismatch) {
      verdict.findings.push_back({check, "a mismatch that does not repeat",
                                  "it repeated on " + which + ": confirmed"});
      return verdict;
    }
    Verdict confirmed{Outcome::mismatch, first.findings};
    confirmed.findings.push_back(
        {check, "a rerun that passes",
         which + " ended " + std::string(to_string(verdict.outcome)) +
             (verdict.findings.empty() ? "" : ": " + verdict.findings.front().actual) +
             "; the mismatch stands"});
    return confirmed;
  }
  Verdict flaked{Outcome::flaky, first.findings};
  flaked.findings.push_back({check, "a mismatch that repeats",
                             "passed on all " + std::to_string(flaky.reruns) + " rerun" +
                                 (flaky.reruns == 1 ? "" : "s") + ": FLAKY"});
  return flaked;
}

CanaryRun run_canary(const CanarySpec& spec, const HarnessProfile& profile,
                     const RunnerOptions& options) {
  const SecretMask mask = SecretMask::from_environment(profile.secrets, profile.env);
  CanaryRun run;
  run_with_retries(spec, profile, options, mask, "", run);
  if (!spec.flaky || run.verdict.outcome != Outcome::mismatch || interrupt_signal() != 0) {
    return run;
  }
  const Flaky& flaky = *spec.flaky;
  FlakeRecord flake{flaky.bug, flaky.reruns, {{run.last().run_id, run.verdict.outcome}}};
  if (options.progress) {
    options.progress(mask.apply(spec.id + ": MISMATCH on a flaky canary (" + flaky.bug +
                                "): rerunning up to " + std::to_string(flaky.reruns) +
                                " time(s) to confirm"));
  }
  const Verdict first = run.verdict;
  run.verdict = confirm_flake(flaky, first, [&](int n) {
    if (interrupt_signal() != 0) {
      return Verdict{Outcome::tool_error,
                     {{"harness", "a completed rerun",
                       "interrupted by " + signal_name(interrupt_signal())}}};
    }
    const std::string label =
        "rerun " + std::to_string(n) + "/" + std::to_string(flaky.reruns) + " ";
    run_with_retries(spec, profile, options, mask, label, run);
    flake.runs.push_back({run.last().run_id, run.verdict.outcome});
    return run.verdict;
  });
  mask_findings(run.verdict.findings, mask);
  record_flake(run, std::move(flake), options.artifact_root);
  if (options.progress) {
    options.progress(mask.apply(spec.id + ": " + std::string(to_string(run.verdict.outcome)) +
                                " (flaky, " + flaky.bug + ")"));
  }
  return run;
}

}  // namespace canary
