#pragma once
// The artifact dir as Canary's own: created by it (and given to the harness user), checked to
// be the same directory after the run, and the record written there only through it.

#include <canary/profile.hpp>
#include <canary/runner.hpp>
#include <canary/safe_file.hpp>

#include <map>
#include <optional>
#include <string>

namespace canary {

// The user a root Canary runs the harness as (`user:`); nothing to change otherwise.
struct RunAs {
  std::optional<unsigned> uid;
  std::optional<unsigned> gid;
  // HOME, USER and LOGNAME of that user (from its passwd entry), so the harness does not go
  // looking for root's dotfiles; a profile's `env:` still wins.
  std::map<std::string, std::string> environment;
  std::string error;
};
RunAs resolve_user(const HarnessProfile& profile);

// A fresh dir, or an existing empty one: never a dir that holds another run's files, never a
// symlink. `created` is Canary's handle on it, to tell it later from a replacement.
std::string prepare_artifact_dir(const std::string& dir, const RunAs& run_as, DirHandle& created);

// Appends the run's start line to the root's index, before the harness runs: a run Canary
// starts and never records (SIGKILLed) is then seen as unfinished, not as absent.
std::string announce_run(const std::string& root, const RunRecord& record);

// `dir` as it is now, if it is still the directory Canary created; else the TOOL_ERROR text.
// With a harness user, the dir is taken back (owned by Canary, 0755) before anything is read.
std::string reopen_artifact_dir(const std::string& dir, const RunAs& run_as,
                                const DirHandle& created, DirHandle& now);

// Writes the record through `dir` and names it, with its digest, in the artifact root's index.
std::string commit_record(const std::string& root, const DirHandle& dir, const RunRecord& record);

// Rewrites a record Canary wrote: only where the index still vouches for the one there.
std::string rewrite_record(const std::string& root, const RunRecord& record);

}  // namespace canary
