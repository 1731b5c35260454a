#pragma once
// Runs one program in its own process group, with output to files and a hard deadline.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace canary {

struct ProcessRequest {
  std::vector<std::string> argv;  // argv[0] is the program: a path, or a name looked up in PATH
  std::map<std::string, std::string> env;  // added to (and overriding) the inherited environment
  std::string working_dir;                 // empty: the current directory
  std::string stdout_path;                 // created or truncated; the child writes to it directly
  std::string stderr_path;
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds grace{5000};  // TERM to the group, then KILL after this long
  // Set (by a root Canary): the child drops to this uid/gid, no supplementary groups, before exec.
  std::optional<unsigned> uid;
  std::optional<unsigned> gid;
};

struct ProcessOutcome {
  bool started = false;
  int pid = 0;                   // the leader's pid, which is also its process group id
  std::string start_error;       // why it could not start (not found, not executable, ...)
  std::optional<int> exit_code;  // when it exited on its own
  std::optional<int> signal;     // when a signal ended it
  bool timed_out = false;        // the deadline passed and the group was signalled
  bool killed = false;           // KILL was needed after the grace period
  bool stray_processes = false;  // processes of its group were still alive after it ended
  std::optional<int> interrupted;  // SIGINT/SIGTERM reached this process; the group was stopped
  int escaped_processes = 0;  // had left the group (setsid); found and killed as our orphans
  int stray_count = 0;        // every process killed after the leader ended, of both kinds
  std::vector<std::string> stray_commands;  // the first few of their command lines, unmasked
  std::chrono::milliseconds elapsed{0};
};

// Starts the program with setpgid(0,0); on timeout sends TERM to the whole group, waits
// `grace`, then KILL. When the leader ends, whatever is left of its group is killed too, so
// nothing of a run outlives it. Output never passes through this process's memory.
// On Linux the calling process becomes a child subreaper (once), so that it can reap the
// group's orphans itself instead of leaving zombies to an init that may never reap them.
ProcessOutcome run_process(const ProcessRequest& request);

// From now on SIGINT and SIGTERM to this process are recorded instead of ending it: a running
// run_process stops its harness group (TERM, grace, KILL) and reports `interrupted`, and the
// callers (runner, CLI, canary-gtest) stop starting work, record why, and exit non-zero.
void install_interrupt_handlers();

// The first SIGINT or SIGTERM received since install_interrupt_handlers(), or 0.
int interrupt_signal();

// "SIGTERM" for 15, "signal 64" for names it does not know.
std::string signal_name(int signal);

}  // namespace canary
