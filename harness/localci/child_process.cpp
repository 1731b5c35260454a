#include "child_process.hpp"

#include "interrupt.hpp"

// Boost 1.81 forgets these when BOOST_PROCESS_USE_STD_FS is set.
#include <boost/optional.hpp>
#include <boost/type_traits.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
// The out-of-line parts of Boost.Process v2 (1.81 ships no library for them); only this file.
#include <boost/process/v2/src.hpp>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

extern char** environ;

namespace canary::localci {
namespace bp = boost::process::v2;
namespace {

boost::asio::io_context& io_context() {
  static boost::asio::io_context context;
  return context;
}

// Runs in the child between fork and exec: own process group, default SIGPIPE, maybe another
// user, and death with the harness should it be killed before its teardown could run.
bool g_parent_death_signal = true;  // set once, before any child starts

struct GroupAndUser {
  std::optional<uid_t> uid;
  gid_t gid = 0;
  pid_t harness = ::getpid();

  template <typename Launcher>
  bp::error_code on_exec_setup(Launcher&, const std::filesystem::path&, const char* const*) {
    if (::setpgid(0, 0) != 0) return {errno, bp::system_category()};
    std::signal(SIGPIPE, SIG_DFL);
    if (uid) {
      if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(*uid) != 0)
        return {errno, bp::system_category()};
    }
    // After setuid, which clears it; a harness already gone means nobody will stop this child.
    // TERM, not KILL: nginx's master then stops its workers (which hold the listening socket)
    // and PostgreSQL's postmaster its backends; a KILLed master leaves them running.
    if (!g_parent_death_signal) return {};
    if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != harness)
      return {ESRCH, bp::system_category()};
    return {};
  }
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> result;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos && extra.count(text.substr(0, eq)) != 0) continue;
    result.push_back(text);
  }
  for (const auto& [key, value] : extra) result.push_back(key + "=" + value);
  return result;
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

struct ChildProcess::Handle {
  bp::process process;
};

ChildProcess::ChildProcess(std::unique_ptr<Handle> handle, int pid)
    : handle_(std::move(handle)), pid_(pid) {}
ChildProcess::ChildProcess(ChildProcess&&) noexcept = default;
ChildProcess& ChildProcess::operator=(ChildProcess&&) noexcept = default;

ChildProcess::~ChildProcess() {
  if (handle_ && pid_ > 0 && (!status_ || group_alive()))
    stop(SIGKILL, std::chrono::milliseconds(0));
}

void ChildProcess::without_parent_death_signal() { g_parent_death_signal = false; }

std::optional<ChildProcess> ChildProcess::start(const Launch& launch, std::string* error) {
  if (launch.argv.empty()) {
    *error = "empty command";
    return std::nullopt;
  }
  std::filesystem::path executable = launch.argv.front();
  if (executable.filename() == executable)
    executable = bp::environment::find_executable(executable.string());
  if (executable.empty() || ::access(executable.c_str(), X_OK) != 0) {
    *error = "cannot run '" + launch.argv.front() + "': not found or not executable";
    return std::nullopt;
  }

  GroupAndUser setup;
  if (!launch.run_as.empty() && ::geteuid() == 0) {
    const passwd* user = ::getpwnam(launch.run_as.c_str());
    if (user == nullptr) {
      *error = "user '" + launch.run_as + "' does not exist";
      return std::nullopt;
    }
    setup.uid = user->pw_uid;
    setup.gid = user->pw_gid;
  }

  const int log_flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
  Fd log(::open(launch.log.c_str(), log_flags, 0644));
  if (log.get() < 0) {
    *error = "cannot open log " + launch.log.string() + ": " + errno_text();
    return std::nullopt;
  }
  Fd out(launch.stdout_file.empty()
             ? ::dup(log.get())
             : ::open(launch.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) {
    *error = "cannot open " + launch.stdout_file.string() + ": " + errno_text();
    return std::nullopt;
  }

  const std::vector<std::string> args(launch.argv.begin() + 1, launch.argv.end());
  bp::error_code ec;
  bp::process process = bp::default_process_launcher()(
      io_context(), ec, executable, args, bp::process_stdio{nullptr, out.get(), log.get()},
      bp::process_environment(environment_with(launch.env)), setup);
  if (ec) {
    *error = "cannot start '" + launch.argv.front() + "': " + ec.message();
    return std::nullopt;
  }
  const int pid = process.id();
  return ChildProcess(std::make_unique<Handle>(Handle{std::move(process)}), pid);
}

void ChildProcess::mark_ended(int status) {
  status_ = status;
  handle_->process.detach();  // the pid is reaped: never let the handle signal a reused pid
}

bool ChildProcess::running() {
  if (status_ || !handle_) return false;
  int status = 0;
  const int result = ::waitpid(pid_, &status, WNOHANG);
  if (result == 0) return true;
  mark_ended(result == pid_ ? status : 0);
  return false;
}

bool ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= until || interrupted()) return false;
    ::usleep(2000);
  }
  return true;
}

void ChildProcess::signal_leader(int signal) {
  if (running()) ::kill(pid_, signal);
}

bool ChildProcess::group_alive() {
  if (pid_ <= 0) return false;
  if (running()) return true;
  // Orphans of the group were reparented to us (subreaper): reap their zombies first.
  while (::waitpid(-pid_, nullptr, WNOHANG) > 0) {
  }
  return ::kill(-pid_, 0) == 0 || errno == EPERM;
}

void ChildProcess::stop(int signal, std::chrono::milliseconds grace) {
  if (pid_ <= 0) return;
  if (running()) {
    ::kill(pid_, signal);
    const auto until = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < until) ::usleep(2000);
  }
  // What is left of the group after the leader (or the grace) is killed outright.
  for (int attempt = 0; attempt < 1000 && group_alive(); ++attempt) {
    ::kill(-pid_, SIGKILL);
    ::usleep(2000);
  }
}

std::optional<int> ChildProcess::exit_code() const {
  if (status_ && WIFEXITED(*status_)) return WEXITSTATUS(*status_);
  return std::nullopt;
}

std::string ChildProcess::describe_end() const {
  if (!status_) return "running";
  if (WIFEXITED(*status_)) return "exit " + std::to_string(WEXITSTATUS(*status_));
  if (WIFSIGNALED(*status_)) return std::string("SIG") + ::sigabbrev_np(WTERMSIG(*status_));
  return "ended";
}

CommandOutcome run_command(const Launch& launch, std::chrono::milliseconds timeout) {
  CommandOutcome outcome;
  std::string error;
  auto child = ChildProcess::start(launch, &error);
  if (!child) {
    outcome.error = error;
    return outcome;
  }
  outcome.started = true;
  if (!child->wait_for(timeout)) {
    child->stop(SIGTERM, std::chrono::milliseconds(2000));
    outcome.error = interrupted() ? "stopped by a signal to the harness"
                                  : "timed out after " + std::to_string(timeout.count()) + " ms";
    return outcome;
  }
  outcome.completed = true;
  outcome.exit_code = child->exit_code();
  // Anything the command left behind in its group goes with it.
  child->stop(SIGKILL, std::chrono::milliseconds(0));
  if (outcome.exit_code != 0)
    outcome.error = launch.argv.front() + " ended with " + child->describe_end();
  return outcome;
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

}  // namespace canary::localci
