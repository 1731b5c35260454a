#pragma once
// A Buildbot master and its workers on 127.0.0.1, made and run under one directory: a throwaway
// one for a single run, or the session's (a CTest fixture starts it once for many runs).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace canary::buildbot {

// Where the adapter finds what it ships: master.cfg, faults.json, the www stand-in,
// canary-localci and the fixture repositories.
struct Installation {
  std::filesystem::path share;     // holds master.cfg, faults.json, www/
  std::filesystem::path localci;   // canary-localci
  std::filesystem::path fixtures;  // <recipe>.git
};
Installation find_installation();

// What session.json (in the master's directory) records.
struct MasterInfo {
  std::filesystem::path dir;  // the session directory: master/, worker-N/
  std::string url;            // http://127.0.0.1:PORT/
  std::vector<std::string> workers;
  std::filesystem::path master_dir() const { return dir / "master"; }
  std::filesystem::path worker_dir(const std::string& name) const { return dir / name; }
};

// Creates and starts a master with `workers` workers under `dir` and waits until every worker
// is connected. nullopt with `error` (and whatever started stopped again) on failure.
std::optional<MasterInfo> start_master(const Installation& installation,
                                       const std::filesystem::path& dir, int workers,
                                       std::string* error);
// Stops the workers and the master (TERM, then KILL after a grace); "" or what is left.
std::string stop_master(const MasterInfo& info);

std::optional<MasterInfo> read_session(const std::filesystem::path& dir);

}  // namespace canary::buildbot
