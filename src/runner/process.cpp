#include "runner/process.hpp"

#include "boost_process.hpp"
#include "child_setup.hpp"
#include "strays.hpp"
#include "model/unique_fd.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <mutex>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

extern char** environ;

namespace canary {
namespace {

namespace asio = boost::asio;
namespace bp = boost::process::v2;
using Clock = std::chrono::steady_clock;

std::string errno_text(int error) { return std::strerror(error); }

// Lock-free, so the handler may store into it; the first signal wins.
std::atomic<int> g_interrupt{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void record_interrupt(int signal) {
  int none = 0;
  g_interrupt.compare_exchange_strong(none, signal);
}

// How often a supervised run looks for an interrupt: the latency of Ctrl-C, before the grace.
constexpr std::chrono::milliseconds kInterruptPoll{50};

// Orphaned members of a harness's group are re-parented to us, so we can reap them and prove
// the group is gone (PID 1 in a container may never reap them).
void become_subreaper() {
#if defined(__linux__)
  static std::once_flag once;
  std::call_once(once, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1); });
#endif
}

// Opens an output file for the child: created or truncated, never inherited by other children.
int open_output(const std::string& path, std::string* error) {
  const char* target = path.empty() ? "/dev/null" : path.c_str();
  // No O_TRUNC before the checks: a hard link to someone else's file must not be emptied.
  const int fd = ::open(target, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd < 0) {
    *error = "cannot open '" + std::string(target) + "': " + errno_text(errno);
    return fd;
  }
  struct stat info {};
  const bool device = path.empty();
  if (::fstat(fd, &info) != 0 || (!device && (!S_ISREG(info.st_mode) || info.st_nlink != 1))) {
    *error = "refusing '" + std::string(target) + "': not a regular file of its own (a FIFO, a "
             "device or a hard link)";
  } else if (!device && ::ftruncate(fd, 0) != 0) {
    *error = "cannot truncate '" + std::string(target) + "': " + errno_text(errno);
  } else {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // the child writes it as it likes
    return fd;
  }
  ::close(fd);
  return -1;
}

// The program to exec: argv[0] as given when it has a slash, else looked up in PATH. The checks
// here give exact messages; exec failures that slip past them are reported by the launcher.
std::optional<std::filesystem::path> resolve_program(const std::string& program,
                                                     std::string* error) {
  if (program.empty()) {
    *error = "cannot execute '': empty program name";
    return std::nullopt;
  }
  std::filesystem::path path = program;
  if (program.find('/') == std::string::npos) {
    path = bp::environment::find_executable(program);
    if (path.empty()) {
      *error = "cannot execute '" + program + "': not found in PATH";
      return std::nullopt;
    }
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    *error = "cannot execute '" + path.string() + "': " + errno_text(errno);
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = "cannot execute '" + path.string() + "': " + errno_text(EISDIR);
    return std::nullopt;
  }
  if (::access(path.c_str(), X_OK) != 0) {
    *error = "cannot execute '" + path.string() + "': " + errno_text(errno);
    return std::nullopt;
  }
  return path;
}

std::vector<std::string> child_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string key(text.substr(0, text.find('=')));
    if (overrides.count(key) == 0) out.emplace_back(text);
  }
  for (const auto& [key, value] : overrides) out.push_back(key + '=' + value);
  return out;
}

void retry_waitpid(pid_t pid, int options) {
  int status = 0;
  while (::waitpid(pid, &status, options) < 0 && errno == EINTR) {
  }
}

// Reaps group members that are already dead, so that only living ones count as strays.
void reap_dead_members(pid_t pgid) {
  int status = 0;
  for (;;) {
    const pid_t reaped = ::waitpid(-pgid, &status, WNOHANG);
    if (reaped > 0) continue;
    if (reaped < 0 && errno == EINTR) continue;
    return;
  }
}

// KILLs whatever is left of the group and waits until every member we can reap is gone.
// Returns true when members were alive; `found` (when given) gets each of them first.
bool kill_strays(pid_t pgid, Strays* found = nullptr) {
  reap_dead_members(pgid);
  if (::kill(-pgid, 0) != 0) return false;
  if (found != nullptr) {
    for (const pid_t pid : group_members(pgid)) found->add(pid);
  }
  ::kill(-pgid, SIGKILL);
  int status = 0;
  for (;;) {
    const pid_t reaped = ::waitpid(-pgid, &status, 0);
    if (reaped > 0) continue;
    if (reaped < 0 && errno == EINTR) continue;
    break;  // ECHILD: no member of the group is our child any more
  }
  return true;
}

// This process's children, from /proc (every thread's list: any thread may have forked).
std::set<pid_t> current_children() {
  std::set<pid_t> out;
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
    std::ifstream file(task.path() / "children");
    for (pid_t pid = 0; file >> pid;) out.insert(pid);
  }
  return out;
}

// Runs in progress in this process. Several threads may run harnesses at once (canary teeth
// --harness-faults does), and a new child of ours may be another run's harness: harnesses are
// launched under the mutex and listed in `leaders` at once, so a sweep as each run ends spares
// them and the children this process had when the first run started. Orphans reach us when
// their harness ends, so each run's sweep finds its own, give or take a concurrent run's.
struct ActiveRuns {
  std::mutex mutex;
  int count = 0;
  std::set<pid_t> before;   // our children when `count` went from 0 to 1
  std::set<pid_t> leaders;  // the harnesses running now
};
ActiveRuns& active_runs() {
  static ActiveRuns runs;
  return runs;
}

int kill_escaped(const std::set<pid_t>& before, pid_t leader, Strays& found);

// One run's membership of ActiveRuns, from before its harness starts to after it ends, on every
// path out (a failed launch, an exception): leave() says how many orphans the sweep killed.
class RunMembership {
 public:
  RunMembership() {
    std::lock_guard lock(active_runs().mutex);
    if (active_runs().count++ == 0) active_runs().before = current_children();
  }
  RunMembership(const RunMembership&) = delete;
  RunMembership& operator=(const RunMembership&) = delete;
  ~RunMembership() {
    if (!left_) leave(0);
  }
  int leave(pid_t leader, Strays& found) {
    left_ = true;
    std::lock_guard lock(active_runs().mutex);
    ActiveRuns& runs = active_runs();
    runs.leaders.erase(leader);
    --runs.count;
    std::set<pid_t> spared = runs.before;
    spared.insert(runs.leaders.begin(), runs.leaders.end());
    return kill_escaped(spared, leader, found);
  }
  int leave(pid_t leader) {
    Strays ignored;
    return leave(leader, ignored);
  }

 private:
  bool left_ = false;
};

// As a subreaper we inherit whatever a harness left behind when its parent died, even
// processes that left the harness's group with setsid(): every child that was not ours before
// the run (`before`) and is not the leader is one of those, unless it has exited already (a
// zombie is reaped, not counted). Kills and reaps the living, repeating
// while killing them hands us their own children. Returns how many there were.
int kill_escaped(const std::set<pid_t>& before, pid_t leader, Strays& strays) {
  int killed = 0;
  for (int round = 0; round < 100; ++round) {
    std::vector<pid_t> found;
    for (const pid_t pid : current_children()) {
      if (pid == leader || before.count(pid) != 0) continue;
      // One that has already exited is a zombie: dead, so reaped here and not left behind.
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) continue;
      found.push_back(pid);
    }
    if (found.empty()) break;
    for (const pid_t pid : found) strays.add(pid);
    for (const pid_t pid : found) ::kill(pid, SIGKILL);
    for (const pid_t pid : found) retry_waitpid(pid, 0);
    killed += static_cast<int>(found.size());
  }
  return killed;
}

void record_status(int status, ProcessOutcome& outcome) {
  if (WIFEXITED(status)) {
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  }
}

// Waits for the leader with a deadline: TERM to the group at the deadline (or when this process
// is interrupted), KILL after grace.
void supervise(bp::process& leader, asio::io_context& context, const ProcessRequest& request,
               ProcessOutcome& outcome) {
  const pid_t pgid = leader.id();
  bool done = false;
  bool stopping = false;
  boost::system::error_code wait_error;
  asio::steady_timer timer(context);
  asio::steady_timer poll(context);

  auto stop_group = [&] {
    stopping = true;
    ::kill(-pgid, SIGTERM);
    timer.expires_after(request.grace);  // cancels a pending deadline
    timer.async_wait([&](boost::system::error_code grace_error) {
      if (grace_error || done) return;
      outcome.killed = true;
      ::kill(-pgid, SIGKILL);
    });
  };
  std::function<void()> watch_interrupt = [&] {
    poll.expires_after(kInterruptPoll);
    poll.async_wait([&](boost::system::error_code error) {
      if (error || done) return;
      if (const int signal = interrupt_signal(); signal != 0) {
        outcome.interrupted = signal;
        if (!stopping) stop_group();
        return;
      }
      watch_interrupt();
    });
  };

  leader.async_wait([&](boost::system::error_code error, int) {
    done = true;
    wait_error = error;
    timer.cancel();
    poll.cancel();
  });
  timer.expires_after(request.timeout);
  timer.async_wait([&](boost::system::error_code error) {
    if (error || done || stopping) return;
    outcome.timed_out = true;
    stop_group();
  });
  watch_interrupt();
  context.run();
  if (!wait_error) record_status(leader.native_exit_code(), outcome);
}

}  // namespace

ProcessOutcome run_process(const ProcessRequest& request) {
  ProcessOutcome outcome;
  if (request.argv.empty()) {
    outcome.start_error = "cannot execute: empty command";
    return outcome;
  }
  if (const int signal = interrupt_signal(); signal != 0) {
    outcome.interrupted = signal;
    outcome.start_error = "not started: this process was interrupted by " + signal_name(signal);
    return outcome;
  }
  const auto program = resolve_program(request.argv.front(), &outcome.start_error);
  if (!program) return outcome;
  if (!request.working_dir.empty() && !std::filesystem::is_directory(request.working_dir)) {
    outcome.start_error = "cannot enter working directory '" + request.working_dir + "'";
    return outcome;
  }

  const UniqueFd in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  const UniqueFd out(open_output(request.stdout_path, &outcome.start_error));
  if (out.get() < 0) return outcome;
  const UniqueFd err(open_output(request.stderr_path, &outcome.start_error));
  if (err.get() < 0) return outcome;
  if (in.get() < 0) {
    outcome.start_error = "cannot open '/dev/null': " + errno_text(errno);
    return outcome;
  }

  const std::vector<std::string> args(request.argv.begin() + 1, request.argv.end());
  const std::vector<std::string> environment = child_environment(request.env);
  become_subreaper();
  RunMembership membership;

  asio::io_context context;
  bp::posix::default_launcher launcher;
  const auto started_at = Clock::now();
  try {
    boost::system::error_code error;
    // The executor overload: in Boost 1.81 the io_context one drops `error` and throws.
    // process_stdio first: ChildSetup closes every other descriptor after the dup2s.
    std::unique_lock launching(active_runs().mutex);  // no sweep sees it before it is listed
    bp::process leader = launcher(context.get_executor(), error, *program, args,
                                  bp::process_stdio{in.get(), out.get(), err.get()},
                                  ChildSetup(environment, request.working_dir, request.uid,
                                             request.gid));
    if (!error) active_runs().leaders.insert(leader.id());
    launching.unlock();
    if (error) {
      if (launcher.pid > 0) retry_waitpid(launcher.pid, 0);
      outcome.start_error =
          "cannot execute '" + program->string() + "': " + errno_text(error.value());
      return outcome;
    }
    outcome.started = true;
    outcome.pid = leader.id();
    supervise(leader, context, request, outcome);
    outcome.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_at);
    Strays strays;
    outcome.stray_processes = kill_strays(leader.id(), &strays);
    outcome.escaped_processes = membership.leave(leader.id(), strays);
    if (outcome.escaped_processes > 0) outcome.stray_processes = true;
    outcome.stray_count = strays.count;
    outcome.stray_commands = std::move(strays.commands);
  } catch (const std::exception& e) {
    // Launch or wait machinery failed (e.g. no pidfd): leave nothing running behind us.
    if (launcher.pid > 0) {
      ::kill(-launcher.pid, SIGKILL);
      kill_strays(launcher.pid);
      retry_waitpid(launcher.pid, WNOHANG);
    }
    if (!outcome.started) {
      outcome.start_error = "cannot execute '" + program->string() + "': " + e.what();
    }
  }
  return outcome;
}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = record_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return g_interrupt.load(); }

std::string signal_name(int signal) {
  static const std::pair<int, const char*> kNames[] = {
      {SIGTERM, "SIGTERM"}, {SIGKILL, "SIGKILL"}, {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"},
      {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"}, {SIGPIPE, "SIGPIPE"},
      {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGUSR1, "SIGUSR1"},
      {SIGUSR2, "SIGUSR2"}, {SIGALRM, "SIGALRM"},
  };
  for (const auto& [number, name] : kNames) {
    if (number == signal) return name;
  }
  return "signal " + std::to_string(signal);
}

}  // namespace canary
