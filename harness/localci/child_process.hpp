#pragma once
// Starts programs in their own process group (Boost.Process v2), output appended to files.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace canary::localci {

struct Launch {
  std::vector<std::string> argv;           // argv[0]: an absolute path or a name found in PATH
  std::filesystem::path log;               // stdout and stderr are appended here
  std::filesystem::path stdout_file;       // when set, stdout goes here (truncated) instead
  std::map<std::string, std::string> env;  // added to, and overriding, the inherited environment
  std::string run_as;                      // user to become when the harness runs as root
};

// A started program and its process group; the group is killed if still alive on destruction.
class ChildProcess {
 public:
  // Either a running child, or nullopt with `error` saying why it could not start.
  static std::optional<ChildProcess> start(const Launch& launch, std::string* error);
  // Fault leave-daemon: children started from now on get no parent-death signal, so one the
  // harness loses track of outlives it.
  static void without_parent_death_signal();

  ChildProcess(ChildProcess&&) noexcept;
  ChildProcess& operator=(ChildProcess&&) noexcept;
  ~ChildProcess();

  int pid() const { return pid_; }
  bool running();
  // True when it ended within `timeout`; false on timeout or when a stop signal arrived.
  bool wait_for(std::chrono::milliseconds timeout);
  void signal_leader(int signal);
  // Some process of the group still exists (orphaned zombies are reaped first).
  bool group_alive();
  // `signal` to the leader, then KILL to the whole group after `grace`; waits for it to vanish.
  void stop(int signal, std::chrono::milliseconds grace);
  // "exit 0", "exit 3", "SIGKILL"; "running" before it ended.
  std::string describe_end() const;
  std::optional<int> exit_code() const;

 private:
  struct Handle;
  explicit ChildProcess(std::unique_ptr<Handle> handle, int pid);
  void mark_ended(int status);

  std::unique_ptr<Handle> handle_;
  int pid_ = -1;
  std::optional<int> status_;  // the raw wait status once reaped
};

struct CommandOutcome {
  bool started = false;
  bool completed = false;  // ended on its own before the deadline and any stop signal
  std::optional<int> exit_code;
  std::string error;  // set unless it completed with exit code 0

  bool ok() const { return completed && exit_code == 0; }
};

// Runs a program to completion; TERM then KILL to its group on timeout or a stop signal.
CommandOutcome run_command(const Launch& launch, std::chrono::milliseconds timeout);

// Makes the harness the reaper of orphans its services leave, so none outlives the run unseen.
void become_subreaper();

}  // namespace canary::localci
