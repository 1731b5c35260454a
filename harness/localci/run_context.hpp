#pragma once
// What one run shares between its tiers: paths, generated secrets, ports and the current log.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace canary::localci {

// Everything a run creates lives under `run` (removed at teardown) or `out` (the artifacts).
struct RunPaths {
  std::filesystem::path run;
  std::filesystem::path out;

  std::filesystem::path src() const { return run / "src"; }
  std::filesystem::path state() const { return run / "state"; }
  std::filesystem::path services() const { return run / "services"; }
  std::filesystem::path tmp() const { return run / "tmp"; }
  std::filesystem::path logs() const { return out / "logs"; }
  std::filesystem::path service_logs() const { return out / "logs" / "services"; }
  std::filesystem::path backup() const { return out / "backup"; }
};

// Random values made on first use, one per secret name, never written to an artifact on purpose.
class Secrets {
 public:
  const std::string& get(const std::string& name);
  std::vector<std::string> values() const;

 private:
  std::map<std::string, std::string> values_;
};

// One log file per tier; every line is stamped with the time since the run started.
class TierLog {
 public:
  TierLog(std::filesystem::path path, std::chrono::steady_clock::time_point epoch);
  void note(const std::string& line);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::chrono::steady_clock::time_point epoch_;
  std::ofstream out_;
};

struct RunContext {
  std::string recipe;
  std::string sha;
  std::string run_id;
  std::filesystem::path repo;  // the recipe's git repository
  RunPaths paths;
  Secrets secrets;
  std::string marker;  // the value seeded as state and expected back after upgrade and restore
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  TierLog* log = nullptr;        // the running tier's log; commands append their output to it
  std::set<std::string> faults;  // deliberate harness bugs asked for with --fault

  bool has_fault(const std::string& name) const { return faults.count(name) != 0; }
};

// A random lowercase hex string of `bytes` bytes.
std::string random_hex(std::size_t bytes);

}  // namespace canary::localci
