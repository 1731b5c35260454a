#include "teardown.hpp"

#include "files.hpp"
#include "ports.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <set>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

// Processes (other than this one) whose command line names `dir`.
std::vector<std::string> processes_naming(const fs::path& dir) {
  std::vector<std::string> found;
  for (const int pid : pids_naming(dir)) {
    auto cmdline = read_file("/proc/" + std::to_string(pid) + "/cmdline");
    if (!cmdline) continue;
    std::replace(cmdline->begin(), cmdline->end(), '\0', ' ');
    found.push_back("pid " + std::to_string(pid) + ": " + cmdline->substr(0, 160));
  }
  return found;
}

}  // namespace

std::vector<int> pids_naming(const fs::path& dir) {
  std::vector<int> found;
  const std::string needle = dir.string();
  std::error_code ec;
  for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string pid = it->path().filename();
    if (!std::all_of(pid.begin(), pid.end(), ::isdigit) || std::stoi(pid) == ::getpid()) continue;
    const auto cmdline = read_file(it->path() / "cmdline");
    if (cmdline && cmdline->find(needle) != std::string::npos) found.push_back(std::stoi(pid));
  }
  return found;
}

TeardownReport tear_down(Deployment& deployment, const RunContext& run, TierLog& log, bool skip) {
  const auto start = std::chrono::steady_clock::now();
  TeardownReport report;
  if (skip) {
    log.note("fault skip-teardown: services left running, run directory left in place");
  } else {
    if (run.has_fault("leave-daemon")) {
      log.note("fault leave-daemon: service " + deployment.leak_first_service() + " left running");
    } else {
      deployment.stop_services();
    }
    if (auto error = remove_tree(run.paths.run); !error.empty()) log.note(error);
  }

  for (const auto& trace : deployment.traces()) {
    for (const int group : trace.groups) {
      if (::kill(-group, 0) == 0)
        report.leftovers.push_back("process group " + std::to_string(group) + " of service " +
                                   trace.name);
    }
    if (trace.port != 0 && port_is_listening(trace.port))
      report.leftovers.push_back("port " + std::to_string(trace.port) + " of service " +
                                 trace.name + " still listens");
  }
  for (auto& process : processes_naming(run.paths.run))
    report.leftovers.push_back(std::move(process));
  std::error_code ec;
  if (fs::exists(run.paths.run, ec))
    report.leftovers.push_back("run directory " + run.paths.run.string());

  if (run.has_fault("leave-daemon")) {
    // ... and the leftover check forgets what it found.
    log.note("fault leave-daemon: " + std::to_string(report.leftovers.size()) +
             " leftovers not reported");
    report.leftovers.clear();
  }
  for (const auto& leftover : report.leftovers) log.note("LEFT BEHIND: " + leftover);
  report.ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
  log.note(report.clean()
               ? "teardown clean: no process, port or file of the run is left"
               : "teardown NOT clean: " + std::to_string(report.leftovers.size()) + " leftovers");
  return report;
}

std::vector<std::string> find_secret_leaks(const fs::path& out,
                                           const std::vector<std::string>& secrets,
                                           const std::string& results_text) {
  std::set<std::string> leaks;
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (const auto& file : files_containing(out, secret))
      leaks.insert(fs::relative(file, out).string());
    if (results_text.find(secret) != std::string::npos) leaks.insert("results.json");
  }
  return {leaks.begin(), leaks.end()};
}

}  // namespace canary::localci
