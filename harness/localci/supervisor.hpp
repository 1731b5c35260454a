#pragma once
// The supervisor of a stepwise run: the process `up` leaves behind. It holds the deployment
// (its services are its children), runs each tier a `tier` command asks for, and tears down
// when `down` asks, on TERM, or after a long idle time, so nothing outlives a forgotten run.
// Requests and replies are one line each over an abstract Unix socket (no file to leave).

#include "run_context.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace canary::localci {

// Files of the state directory.
struct StatePaths {
  std::filesystem::path dir;
  std::filesystem::path record() const { return dir / "supervisor.json"; }
  std::filesystem::path log() const { return dir / "supervisor.log"; }
  std::filesystem::path out() const { return dir / "out"; }  // logs/, results.json
  std::filesystem::path tier(const std::string& name) const {
    return dir / "tiers" / (name + ".json");
  }
  std::filesystem::path junit(const std::string& name) const {
    return dir / "junit" / (name + ".xml");
  }
  std::filesystem::path flags() const { return dir / "flags.json"; }
};

// A listening socket on the abstract name, or -1 with `error`.
int listen_on(const std::string& name, std::string* error);
int connect_to(const std::string& name, std::string* error);
bool send_line(int fd, const std::string& line);
// One reply line (without the newline), or nullopt on EOF, overflow or after `timeout`.
// `on_interrupt` runs once when a stop signal arrives while waiting.
std::optional<std::string> read_line(int fd, std::chrono::milliseconds timeout,
                                     void (*on_interrupt)(int) = nullptr, int argument = 0);

// Deploys the pinned commit, reports "ok" or "deploy-failed <why>" on `ready_fd`, then serves
// requests until the run is torn down. Returns the supervisor's exit code.
int supervise(int listen_fd, int ready_fd, const StatePaths& state, RunContext& run,
              std::chrono::seconds idle_limit);

}  // namespace canary::localci
