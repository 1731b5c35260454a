#pragma once
// A Boost.Process v2 initializer: the harness's environment, process group and start state.

#include "boost_process.hpp"

#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <grp.h>
#include <unistd.h>

namespace canary {

class ChildSetup {
 public:
  // `environment` holds "KEY=value" entries and must outlive the launch.
  ChildSetup(const std::vector<std::string>& environment, std::string working_dir,
             std::optional<unsigned> uid = std::nullopt, std::optional<unsigned> gid = std::nullopt)
      : working_dir_(std::move(working_dir)), uid_(uid), gid_(gid) {
    pointers_.reserve(environment.size() + 1);
    for (const auto& entry : environment) pointers_.push_back(entry.c_str());
    pointers_.push_back(nullptr);
  }

  boost::system::error_code on_setup(boost::process::v2::posix::default_launcher& launcher,
                                     const std::filesystem::path&, const char* const*) {
    launcher.env = pointers_.data();
    return {};
  }

  // Runs in the forked child, after process_stdio, so only async-signal-safe calls.
  boost::system::error_code on_exec_setup(boost::process::v2::posix::default_launcher& launcher,
                                          const std::filesystem::path&, const char* const*) {
    // A harness run as another user gets a session of its own, so no controlling terminal:
    // through Canary's /dev/tty it could push keystrokes (TIOCSTI) into root's shell. Either way
    // it leads a process group of its own, which is what Canary signals.
    if ((uid_ ? ::setsid() : ::setpgid(0, 0)) < 0) return {errno, boost::system::system_category()};
    close_inherited_fds(launcher.fd_whitelist);
    // The harness starts with default signal handling whatever this process ignores or blocks.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int signal : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) {
      ::signal(signal, SIG_DFL);
    }
    if (!working_dir_.empty() && ::chdir(working_dir_.c_str()) != 0) {
      return {errno, boost::system::system_category()};
    }
    // Groups first (root is needed for them), then the uid: no way back after setuid.
    if (gid_ && (::setgroups(0, nullptr) != 0 || ::setgid(static_cast<gid_t>(*gid_)) != 0)) {
      return {errno, boost::system::system_category()};
    }
    if (uid_ && ::setuid(static_cast<uid_t>(*uid_)) != 0) {
      return {errno, boost::system::system_category()};
    }
    if (uid_ && *uid_ != 0 && ::setuid(0) == 0) return {EPERM, boost::system::system_category()};
    return {};
  }

  // After a failed exec the launcher would call exit(), running this process's atexit
  // handlers and flushing its stdio buffers in the child; leave at once instead. Variadic
  // because Boost 1.81 probes this hook with five arguments and calls it with four.
  template <typename... Args>
  void on_exec_error(Args&&...) {
    ::_exit(127);
  }

 private:
  // Boost 1.81's close_all on Linux skips the fds below its error pipe (it compares a whitelist
  // entry with itself), so a CI job's pipes would reach the harness and its grandchildren.
  static void close_inherited_fds(const std::vector<int>& keep) {
    unsigned low = 3;
    for (;;) {
      unsigned next_kept = ~0U;  // the lowest kept fd at or above `low`; no allocation here
      for (int fd : keep) {
        if (fd >= 0 && static_cast<unsigned>(fd) >= low && static_cast<unsigned>(fd) < next_kept) {
          next_kept = static_cast<unsigned>(fd);
        }
      }
      if (next_kept == ~0U) {
        ::close_range(low, ~0U, 0);
        return;
      }
      if (next_kept > low) ::close_range(low, next_kept - 1, 0);
      low = next_kept + 1;
    }
  }

  std::string working_dir_;
  std::optional<unsigned> uid_;
  std::optional<unsigned> gid_;
  std::vector<const char*> pointers_;
};

}  // namespace canary
