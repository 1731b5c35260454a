#include <canary/harness_faults.hpp>

#include "runner/process.hpp"
#include <canary/safe_file.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace canary {
namespace fs = std::filesystem;
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The harness's own output: read with the safe-file rules (no FIFO waited on, size capped).
std::string read_whole(const fs::path& path) {
  return read_regular_file(path.string(), kMaxConfigBytes).text;
}

std::string format_seconds(double seconds) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << seconds << "s";
  return out.str();
}

// A private directory under $TMPDIR (or /tmp), removed with everything in it when it goes.
// Mode 0755: services that run as another user (PostgreSQL) must reach their run directory.
struct ScratchDir {
  std::string path;
  std::string error;

  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        (fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / "canary-teeth-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      error = "cannot make a scratch directory " + pattern + ": " + std::strerror(errno);
      return;
    }
    path = pattern;
    ::chmod(path.c_str(), 0755);
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

// One canary on one profile (a fault injected or not); several run at once on worker threads.
struct Job {
  const CanarySpec* spec = nullptr;
  const HarnessProfile* profile = nullptr;
  std::string label;  // "baseline" or "fault NAME"
  std::optional<int> retries;
  CanaryOutcome* into = nullptr;
  std::chrono::milliseconds original_timeout{0};  // the spec's own, before --hang-factor capped it
};

void run_jobs(const std::vector<Job>& jobs, const HarnessFaultOptions& options, std::size_t* done,
              std::size_t total) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      const Job& job = jobs[i];
      RunnerOptions runner = options.runner;
      runner.progress = nullptr;
      runner.retries = job.retries;
      const CanaryRun run = run_canary(*job.spec, *job.profile, runner);
      CanaryOutcome& out = *job.into;
      out.canary = job.spec->id;
      out.outcome = run.verdict.outcome;
      out.findings = run.verdict.findings;
      if (!run.attempts.empty()) {
        out.artifact_dir = run.last().artifact_dir;
        out.seconds = run.last().duration_s;
        out.hang_timeout = out.outcome == Outcome::tool_error && run.last().timed_out &&
                           job.spec->timeout < job.original_timeout;
      }
      std::lock_guard lock(mutex);
      ++*done;
      if (options.progress) {
        options.progress("[" + std::to_string(*done) + "/" + std::to_string(total) + "] " +
                         job.label + ": " + out.canary + " " + std::string(to_string(out.outcome)) +
                         " (" + format_seconds(out.seconds) + ")");
      }
    }
  };
  std::vector<std::thread> threads;
  const std::size_t count = std::max<std::size_t>(1, std::min(options.jobs, jobs.size()));
  for (std::size_t i = 0; i < count; ++i) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
}

}  // namespace

FaultListing list_harness_faults(const HarnessProfile& profile, const std::string& bin_dir,
                                 const std::string& scratch_dir) {
  FaultListing listing;
  if (!profile.faults) {
    listing.error =
        "profile " + profile.path + " declares no 'faults' (how to list and inject them)";
    return listing;
  }
  std::error_code ignored;
  const Placeholders values = {
      {"bin", bin_dir},
      {"profile_dir", fs::absolute(profile.path, ignored).parent_path().string()}};
  ProcessRequest request;
  for (std::size_t i = 0; i < profile.faults->list.size(); ++i) {
    std::string message;
    const auto word = expand(profile.faults->list[i], values, &message);
    if (!word) {
      listing.error =
          "profile " + profile.path + ": 'faults.list[" + std::to_string(i) + "]': " + message;
      return listing;
    }
    request.argv.push_back(*word);
  }
  request.stdout_path = (fs::path(scratch_dir) / "faults.stdout").string();
  request.stderr_path = (fs::path(scratch_dir) / "faults.stderr").string();
  request.timeout = std::chrono::seconds(30);
  const ProcessOutcome outcome = run_process(request);
  std::string command;
  for (const auto& word : request.argv) command += (command.empty() ? "" : " ") + word;
  if (!outcome.started) {
    listing.error = "cannot run the fault listing `" + command + "`: " + outcome.start_error;
    return listing;
  }
  if (outcome.exit_code != 0) {
    const std::string err = read_whole(request.stderr_path);
    listing.error = "the fault listing `" + command + "` " +
                    (outcome.exit_code ? "exited " + std::to_string(*outcome.exit_code)
                                       : std::string("did not finish")) +
                    (err.empty() ? "" : ": " + err.substr(0, err.find('\n')));
    return listing;
  }
  std::istringstream lines(read_whole(request.stdout_path));
  for (std::string line; std::getline(lines, line);) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    const auto end = line.find_first_of(" \t", start);
    HarnessFault fault{line.substr(start, end - start), ""};
    if (end != std::string::npos) {
      const auto effect = line.find_first_not_of(" \t", end);
      if (effect != std::string::npos) fault.effect = line.substr(effect);
    }
    const bool duplicate =
        std::any_of(listing.faults.begin(), listing.faults.end(),
                    [&](const HarnessFault& known) { return known.name == fault.name; });
    if (fault.name.find_first_of("{}") != std::string::npos || duplicate) {
      listing.error = "the fault listing `" + command + "` gave " +
                      (duplicate ? "a duplicate fault '" : "a fault name with braces: '") +
                      fault.name + "'";
      return listing;
    }
    listing.faults.push_back(std::move(fault));
  }
  if (listing.faults.empty()) listing.error = "the fault listing `" + command + "` listed no fault";
  return listing;
}

HarnessProfile with_fault(const HarnessProfile& profile, const std::string& fault) {
  if (!profile.faults)
    throw std::logic_error("with_fault: profile " + profile.path + " has no faults");
  HarnessProfile faulty = profile;
  for (const auto& word : profile.faults->args)
    faulty.command.push_back(replace_all(word, "{fault}", fault));
  for (const auto& [name, text] : profile.faults->env)
    faulty.env[name] = replace_all(text, "{fault}", fault);
  return faulty;
}

std::vector<std::string> FaultScore::caught_by() const {
  std::vector<std::string> out;
  for (const auto& run : runs)
    if (run.outcome != Outcome::pass) out.push_back(run.canary);
  return out;
}

bool FaultScore::caught_by_verdict() const {
  return std::any_of(runs.begin(), runs.end(), [](const CanaryOutcome& run) {
    return run.outcome != Outcome::pass && run.outcome != Outcome::tool_error;
  });
}

bool FaultScore::only_hang_timeouts() const {
  return caught() && !caught_by_verdict() &&
         std::all_of(runs.begin(), runs.end(), [](const CanaryOutcome& run) {
           return run.outcome != Outcome::tool_error || run.hang_timeout;
         });
}

std::size_t HarnessFaultReport::caught_by_verdict() const {
  return static_cast<std::size_t>(std::count_if(
      faults.begin(), faults.end(), [](const FaultScore& f) { return f.caught_by_verdict(); }));
}

std::size_t HarnessFaultReport::only_hang_timeouts() const {
  return static_cast<std::size_t>(std::count_if(
      faults.begin(), faults.end(), [](const FaultScore& f) { return f.only_hang_timeouts(); }));
}

std::size_t HarnessFaultReport::caught() const {
  return static_cast<std::size_t>(
      std::count_if(faults.begin(), faults.end(), [](const FaultScore& f) { return f.caught(); }));
}

bool HarnessFaultReport::baseline_passed() const {
  return !baseline.empty() && std::all_of(baseline.begin(), baseline.end(), [](const auto& run) {
    return run.outcome == Outcome::pass;
  });
}

HarnessFaultReport harness_teeth(const std::vector<const CanarySpec*>& specs,
                                 const HarnessProfile& profile,
                                 const HarnessFaultOptions& options) {
  HarnessFaultReport report;
  report.profile = profile.name;
  if (specs.empty()) {
    report.error = "no canary selected";
    return report;
  }
  ScratchDir scratch;
  if (!scratch.error.empty()) {
    report.error = scratch.error;
    return report;
  }
  const FaultListing listing = list_harness_faults(profile, options.runner.bin_dir, scratch.path);
  if (!listing.error.empty()) {
    report.error = listing.error;
    return report;
  }
  std::vector<HarnessFault> chosen;
  for (const auto& name : options.only) {
    auto it = std::find_if(listing.faults.begin(), listing.faults.end(),
                           [&](const HarnessFault& f) { return f.name == name; });
    if (it == listing.faults.end()) {
      report.error = "the harness has no fault '" + name + "'";
      return report;
    }
    chosen.push_back(*it);
  }
  if (options.only.empty()) chosen = listing.faults;

  const std::size_t total = specs.size() * (1 + chosen.size());
  std::size_t done = 0;
  // Harness runs make their temporary files under the scratch dir, so a fault that leaves some
  // behind (a crash, a skipped teardown) leaves nothing on the machine once this returns.
  HarnessProfile healthy = profile;
  healthy.env.emplace("TMPDIR", scratch.path);
  report.baseline.resize(specs.size());
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < specs.size(); ++i)
    jobs.push_back(
        {specs[i], &healthy, "baseline", std::nullopt, &report.baseline[i], specs[i]->timeout});
  run_jobs(jobs, options, &done, total);
  if (!report.baseline_passed()) {
    std::string failed;
    for (const auto& run : report.baseline)
      if (run.outcome != Outcome::pass)
        failed +=
            (failed.empty() ? "" : ", ") + run.canary + " " + std::string(to_string(run.outcome));
    report.error = "the baseline run without a fault must PASS every canary, but: " + failed +
                   "; the score would mean nothing";
    return report;
  }

  // Faulty runs may get a shorter timeout than the spec's (hang_factor), never a longer one.
  std::vector<CanarySpec> capped;
  capped.reserve(specs.size());  // jobs point into it
  for (std::size_t i = 0; i < specs.size(); ++i) {
    capped.push_back(*specs[i]);
    if (options.hang_factor > 0) {
      const auto cap = std::chrono::seconds(static_cast<long>(
          std::ceil(std::max(5.0, options.hang_factor * report.baseline[i].seconds))));
      capped.back().timeout = std::min<std::chrono::milliseconds>(capped.back().timeout, cap);
    }
  }
  std::vector<HarnessProfile> faulty;
  faulty.reserve(chosen.size());  // jobs point into it
  report.faults.resize(chosen.size());
  jobs.clear();
  for (std::size_t f = 0; f < chosen.size(); ++f) {
    faulty.push_back(with_fault(healthy, chosen[f].name));
    report.faults[f].fault = chosen[f];
    report.faults[f].runs.resize(specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i)
      jobs.push_back({&capped[i], &faulty.back(), "fault " + chosen[f].name, 0,
                      &report.faults[f].runs[i], specs[i]->timeout});
  }
  run_jobs(jobs, options, &done, total);
  return report;
}

}  // namespace canary
