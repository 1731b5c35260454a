#pragma once
// What a harness left running, read from /proc before Canary kills it: evidence for the record.

#include <sys/types.h>

#include <string>
#include <vector>

namespace canary {

// Living (not zombie) members of process group `pgid`.
std::vector<pid_t> group_members(pid_t pgid);

// The command line of `pid`, arguments joined by spaces, uncut (secrets are masked before it is
// cut); "pid N" when it cannot be read (a process gone meanwhile).
std::string command_line(pid_t pid);

// Processes found and killed after a harness ended: how many, and the first few command lines.
struct Strays {
  static constexpr std::size_t kKeptCommands = 5;
  int count = 0;
  std::vector<std::string> commands;
  void add(pid_t pid);
};

}  // namespace canary
