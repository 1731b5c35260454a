#include <canary/runner.hpp>

#include <canary/process.hpp>
#include <canary/results_parser.hpp>
#include <canary/run_record.hpp>

#include "timestamps.hpp"

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
  if (out.error.empty() && out.command.empty()) {
    out.error = "profile " + profile.path + ": 'command' is empty";
  }
  return out;
}

// A fresh dir, or an existing empty one: never a dir that holds another run's files.
std::string prepare_artifact_dir(const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return "cannot create artifact dir " + dir + ": " + error.message();
  if (!fs::is_empty(dir, error)) {
    return "artifact dir " + dir +
           " is not empty; refusing to mix runs (does the profile's artifacts use {run_id}?)";
  }
  if (error) return "cannot read artifact dir " + dir + ": " + error.message();
  return "";
}

// What the harness left: a RunResult, or the tool error saying why there is none.
RunResult judge_process(const CanarySpec& spec, const Invocation& invocation,
                        const ProcessOutcome& process) {
  RunResult result;
  const std::string stderr_log = invocation.artifact_dir + "/" + kStderrLog;
  if (!process.started) {
    result.tool_error = "could not start harness: " + process.start_error;
  } else if (process.timed_out) {
    result.tool_error = "harness timed out after " + format_duration(spec.timeout) +
                        " (killed with " + (process.killed ? "SIGKILL" : "SIGTERM") + "); see " +
                        stderr_log;
  } else if (process.signal) {
    result.tool_error = "harness killed by " + signal_name(*process.signal) + "; see " + stderr_log;
  } else {
    ParsedResults parsed = parse_results_file(invocation.results_path);
    if (parsed.ok()) {
      result = std::move(parsed.result);
    } else {
      result.tool_error = parsed.error;
    }
  }
  result.exit_code = process.exit_code;
  return result;
}

Attempt run_attempt(const CanarySpec& spec, const HarnessProfile& profile,
                    const RunnerOptions& options, int number, const std::string& run_id) {
  Attempt attempt;
  RunRecord& record = attempt.record;
  record.canary = spec.id;
  record.spec_path = spec.path;
  record.spec_hash = spec.hash;
  record.profile = profile.name;
  record.run_id = run_id;
  record.attempts = number;
  const auto started = SystemClock::now();
  const auto started_steady = SteadyClock::now();
  record.started = iso_utc(started);

  const Invocation invocation = fill_profile(spec, profile, options, run_id);
  record.command = invocation.command;
  record.artifact_dir = invocation.artifact_dir;
  RunResult result;
  std::string setup_error = invocation.error;
  if (setup_error.empty()) setup_error = prepare_artifact_dir(invocation.artifact_dir);
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
    const ProcessOutcome process = run_process(request);
    attempt.stray_processes = process.stray_processes;
    record.exit_code = process.exit_code;
    if (process.signal) record.signal = signal_name(*process.signal);
    record.timed_out = process.timed_out;
    result = judge_process(spec, invocation, process);
  }
  attempt.verdict = evaluate(spec, result);
  attempt.result = std::move(result);

  const auto finished = SystemClock::now();
  record.finished = iso_utc(finished);
  record.duration_s = std::chrono::duration<double>(SteadyClock::now() - started_steady).count();
  record.outcome = attempt.verdict.outcome;
  record.findings = attempt.verdict.findings;
  record.expect = expectation_summary(spec);
  record.tiers = tier_cells(spec, attempt.result);
  if (!invocation.artifact_dir.empty() && setup_error.empty()) {
    const std::string write_error = write_record(invocation.artifact_dir, record);
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
                        const RunnerOptions& options, int number, const std::string& run_id) {
  try {
    return run_attempt(spec, profile, options, number, run_id);
  } catch (const std::exception& e) {
    Attempt attempt;
    attempt.record.canary = spec.id;
    attempt.record.run_id = run_id;
    attempt.record.attempts = number;
    attempt.verdict.findings = {{"harness", "a completed run with results.json",
                                 std::string("runner failed: ") + e.what()}};
    attempt.record.findings = attempt.verdict.findings;
    return attempt;
  }
}

std::string cause(const Verdict& verdict) {
  return verdict.findings.empty() ? std::string("no cause given") : verdict.findings.front().actual;
}

}  // namespace

CanaryRun run_canary(const CanarySpec& spec, const HarnessProfile& profile,
                     const RunnerOptions& options) {
  const int total = 1 + std::max(0, options.retries.value_or(profile.retries));
  auto backoff = options.retry_backoff;
  auto say = [&options](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  CanaryRun run;
  for (int number = 1;; ++number) {
    const std::string prefix =
        "attempt " + std::to_string(number) + "/" + std::to_string(total) + " of " + spec.id + ": ";
    const std::string run_id = make_run_id(spec.id);
    say(prefix + "running " + run_id);
    Attempt attempt = guarded_attempt(spec, profile, options, number, run_id);
    if (attempt.stray_processes) say(prefix + "the harness left processes behind; killed them");
    run.attempts.push_back(attempt.record);
    run.result = std::move(attempt.result);
    run.verdict = std::move(attempt.verdict);
    const bool retry =
        run.verdict.outcome == Outcome::tool_error && attempt.retryable && number < total;
    if (!retry) {
      const std::string outcome(to_string(run.verdict.outcome));
      say(prefix + (run.verdict.outcome == Outcome::tool_error ? outcome + ": " + cause(run.verdict)
                                                               : outcome));
      return run;
    }
    say(prefix + cause(run.verdict) + ", retrying in " + format_duration(backoff));
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

}  // namespace canary
