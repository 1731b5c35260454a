#include "stepwise.hpp"

#include "child_process.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "lifecycle.hpp"
#include "supervisor.hpp"
#include "teardown.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <thread>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

struct Record {
  int pid = 0;
  std::string socket;
  fs::path run_dir;
};

int fail(const std::string& message, int code) {
  std::cerr << "canary-localci: error: " << message << "\n";
  return code;
}

std::optional<Record> read_record(const StatePaths& state) {
  const auto text = read_file(state.record());
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("pid") || !json["pid"].is_number_integer() ||
      !json.contains("socket") || !json["socket"].is_string() || !json.contains("run_dir") ||
      !json["run_dir"].is_string())
    return std::nullopt;
  return Record{json["pid"].get<int>(), json["socket"].get<std::string>(),
                json["run_dir"].get<std::string>()};
}

bool alive(int pid) { return pid > 0 && ::kill(pid, 0) == 0; }

bool wait_gone(int pid, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (alive(pid) && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return !alive(pid);
}

// One request to the supervisor; nullopt when it cannot be reached or does not answer.
std::optional<std::string> ask(const Record& record, const std::string& request,
                               std::chrono::milliseconds timeout, std::string* error) {
  const int fd = connect_to(record.socket, error);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> reply;
  if (send_line(fd, request))
    // A stop signal to this command stops the supervisor's tier too: it then tears down.
    reply = read_line(fd, timeout, [](int pid) { ::kill(pid, SIGTERM); }, record.pid);
  ::close(fd);
  if (!reply) *error = "no answer from the supervisor (pid " + std::to_string(record.pid) + ")";
  return reply;
}

void print_file(const fs::path& path) {
  if (const auto text = read_file(path)) std::cout << *text;
}

// The supervisor's child: a session of its own, output to the state dir, then serve.
[[noreturn]] void become_supervisor(int listen_fd, int ready_fd, const StatePaths& state,
                                    RunContext& run, int idle_limit_s) {
  ::setsid();
  // nginx's and PostgreSQL's users must read the checkout whatever umask the CI worker has
  // (a daemonized Buildbot worker runs with 077).
  ::umask(022);
  // Its stdout must not be the CI step's pipe: the step would wait for it to close.
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int log_fd = ::open(state.log().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (null_fd >= 0) ::dup2(null_fd, 0);
  if (log_fd >= 0) {
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
  }
  become_subreaper();
  int code = 1;
  try {
    code = supervise(listen_fd, ready_fd, state, run, std::chrono::seconds(idle_limit_s));
  } catch (const std::exception& error) {
    std::cerr << "canary-localci supervisor: internal error: " << error.what() << "\n";
  }
  std::cout.flush();
  std::_Exit(code);
}

}  // namespace

int up_command(RunOptions options, const fs::path& state_dir, int idle_limit_s) {
  const StatePaths state{fs::absolute(state_dir)};
  if (const auto record = read_record(state); record && alive(record->pid))
    return fail("a run is already up in " + state.dir.string() + " (supervisor pid " +
                    std::to_string(record->pid) + "): `down` it first",
                kUsageError);
  for (const auto& stale : {state.dir / "tiers", state.dir / "junit", state.out()})
    if (auto error = remove_tree(stale); !error.empty()) return fail(error, kUsageError);
  std::error_code ec;
  for (const auto& stale : {state.record(), state.flags(), state.log()}) fs::remove(stale, ec);
  if (auto error = make_dirs(state.dir); !error.empty()) return fail(error, kUsageError);

  options.out = state.out();
  RunContext run;
  if (auto error = prepare_run(options, run); !error.empty()) return fail(error, kUsageError);
  const std::string socket = "canary-localci-" + random_hex(12);
  std::string error;
  const int listen_fd = listen_on(socket, &error);
  int ready[2];
  if (listen_fd < 0 || ::pipe2(ready, O_CLOEXEC) != 0) {
    remove_tree(run.paths.run);
    return fail(error.empty() ? "cannot make a pipe" : error, kTierFailed);
  }
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) {
    remove_tree(run.paths.run);
    return fail("cannot start the supervisor", kTierFailed);
  }
  if (pid == 0) {
    ::close(ready[0]);
    become_supervisor(listen_fd, ready[1], state, run, idle_limit_s);
  }
  ::close(ready[1]);
  ::close(listen_fd);
  const nlohmann::json record = {{"pid", pid},
                                 {"socket", socket},
                                 {"run_dir", run.paths.run.string()},
                                 {"recipe", run.recipe},
                                 {"sha", run.sha},
                                 {"run_id", run.run_id}};
  if (auto write_error = write_file_atomic(state.record(), record.dump(2) + "\n");
      !write_error.empty()) {
    ::kill(pid, SIGTERM);
    return fail(write_error, kTierFailed);
  }
  // The deploy can take a while (initdb); a stop signal to `up` stops the supervisor too.
  const auto reply = read_line(ready[0], std::chrono::minutes(10),
                               [](int child) { ::kill(child, SIGTERM); }, pid);
  ::close(ready[0]);
  print_file(state.out() / "logs" / "up.log");
  if (!reply) return fail("the supervisor died while deploying (see " + state.log().string() + ")",
                          kTierFailed);
  // A failed deploy fails the step, so a CI server halts before the tiers; the supervisor
  // stays, holding whatever did start, for `down` to tear down and record.
  std::cout << "canary-localci: up: " << run.recipe << " @ " << run.sha.substr(0, 12)
            << (*reply == "ok" ? " deployed" : " not deployed (" + *reply + ")")
            << ", supervisor pid " << pid << "\n";
  return *reply == "ok" ? kAllPassed : kTierFailed;
}

int tier_command(const std::string& name, const fs::path& state_dir) {
  const StatePaths state{fs::absolute(state_dir)};
  if (find_tier_entry(name) == nullptr)
    return fail("unknown tier '" + name + "' (install, upgrade, backup, restore, custom)",
                kUsageError);
  const auto record = read_record(state);
  if (!record) return fail("nothing is up in " + state.dir.string() + ": run `up` first", kTierError);
  std::string error;
  const auto reply = ask(*record, "tier " + name, std::chrono::hours(6), &error);
  print_file(state.out() / "logs" / (name + ".log"));
  if (!reply) return fail(error, kTierError);
  std::cout << "canary-localci: tier " << name << ": " << *reply << "\n";
  if (*reply == "pass") return kTierPass;
  if (*reply == "fail") return kTierFail;
  if (*reply == "skip") return kTierSkip;
  return kTierError;
}

int down_command(const fs::path& state_dir) {
  const StatePaths state{fs::absolute(state_dir)};
  const auto record = read_record(state);
  if (!record) {
    std::error_code ec;
    if (fs::exists(state.record(), ec))
      return fail("unreadable " + state.record().string() + ": cannot tell what to stop",
                  kTierFailed);
    std::cout << "canary-localci: down: nothing is up in " << state.dir.string() << "\n";
    return kAllPassed;
  }
  std::string error;
  const auto reply = alive(record->pid)
                         ? ask(*record, "down", std::chrono::minutes(2), &error)
                         : std::nullopt;
  if (reply && !wait_gone(record->pid, std::chrono::seconds(15)))
    ::kill(-record->pid, SIGKILL);
  print_file(state.out() / "logs" / "teardown.log");
  std::error_code ec;
  if (!reply || reply->rfind("error", 0) == 0) {
    // No orderly teardown: kill what is left of the run, and say the teardown was not clean.
    if (alive(record->pid)) ::kill(-record->pid, SIGKILL);
    for (const int pid : pids_naming(record->run_dir)) ::kill(pid, SIGKILL);
    wait_gone(record->pid, std::chrono::seconds(5));
    remove_tree(record->run_dir);
    const nlohmann::json flags = {{"clean_teardown", false},
                                  {"no_secret_leak", false},
                                  {"error", reply ? *reply : error + ": killed what was left"}};
    if (!fs::exists(state.flags(), ec)) write_file_atomic(state.flags(), flags.dump(2) + "\n");
    fs::remove(state.record(), ec);
    return fail(reply ? *reply : error + "; killed what was left of the run", kTierFailed);
  }
  fs::remove(state.record(), ec);
  print_file(state.flags());
  std::cout << "canary-localci: down: " << *reply << "\n";
  return *reply == "clean" ? kAllPassed : kTierFailed;
}

int report_command(const fs::path& state_dir, const fs::path& out) {
  const StatePaths state{fs::absolute(state_dir)};
  const auto results = read_file(state.out() / "results.json");
  if (!results)
    return fail("no results in " + state.dir.string() + ": run `down` first", kUsageError);
  if (auto error = make_dirs(out / "logs"); !error.empty()) return fail(error, kUsageError);
  if (auto error = copy_tree(state.out() / "logs", out / "logs", true); !error.empty())
    return fail(error, kTierFailed);
  if (auto error = write_file_atomic(out / "results.json", *results); !error.empty())
    return fail(error, kTierFailed);
  std::cout << "canary-localci: report: " << (out / "results.json").string() << "\n";
  return kAllPassed;
}

}  // namespace canary::localci
