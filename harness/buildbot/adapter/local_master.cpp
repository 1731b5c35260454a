#include "local_master.hpp"

#include "http.hpp"

#include "../../localci/child_process.hpp"
#include "../../localci/files.hpp"
#include "../../localci/interrupt.hpp"
#include "../../localci/ports.hpp"
#include "../../localci/run_context.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <thread>

namespace canary::buildbot {
namespace fs = std::filesystem;
using localci::CommandOutcome;
using localci::Launch;
using localci::read_file;
using localci::run_command;
using localci::write_file_atomic;

namespace {

constexpr const char* kBuildbot = "/usr/bin/buildbot";
constexpr const char* kWorker = "/usr/bin/buildbot-worker";

std::string run_tool(const std::vector<std::string>& argv, const fs::path& log,
                     const std::map<std::string, std::string>& env = {}) {
  Launch launch;
  launch.argv = argv;
  launch.log = log;
  launch.env = env;
  const CommandOutcome outcome = run_command(launch, std::chrono::seconds(120));
  if (outcome.ok()) return "";
  return "`" + argv[0] + " " + argv[1] + "` failed: " + outcome.error + " (see " + log.string() +
         ")";
}

std::optional<int> pid_in(const fs::path& file) {
  const auto text = read_file(file);
  if (!text) return std::nullopt;
  try {
    return std::stoi(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Gone: no such process, or a zombie. A daemon that double-forked is reparented to the nearest
// subreaper - this adapter for a throwaway master, else Canary or init - and its exit leaves a
// zombie until that parent reaps it: kill(pid, 0) still succeeds on one, so it cannot tell.
bool gone(int pid) {
  // Ours to reap when it was reparented to us, with the zombies of twistd's double fork: no
  // other child of ours runs while daemons are being stopped.
  int status = 0;
  while (::waitpid(-1, &status, WNOHANG) > 0) {
  }
  const auto stat = read_file(fs::path("/proc") / std::to_string(pid) / "stat");
  if (!stat) return true;
  // "pid (comm) S ...": the state follows the last ')', since comm may hold one.
  const auto close = stat->rfind(')');
  return close == std::string::npos || close + 2 >= stat->size() || (*stat)[close + 2] == 'Z' ||
         (*stat)[close + 2] == 'X';
}

// TERM to the daemon in `dir` (twistd.pid), KILL to its group after the grace; true when gone.
bool stop_daemon(const fs::path& dir) {
  const auto pid = pid_in(dir / "twistd.pid");
  if (!pid || *pid <= 1 || gone(*pid)) return true;
  ::kill(*pid, SIGTERM);
  for (int i = 0; i < 300 && !gone(*pid); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!gone(*pid)) {
    ::kill(-*pid, SIGKILL);
    ::kill(*pid, SIGKILL);
    for (int i = 0; i < 40 && !gone(*pid); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return gone(*pid);
}

bool workers_connected(const HttpClient& http, std::size_t count) {
  std::string error;
  const auto json = http.get_json("api/v2/workers?field=name&field=connected_to", &error);
  if (!json || !json->contains("workers") || !(*json)["workers"].is_array()) return false;
  std::size_t connected = 0;
  for (const auto& worker : (*json)["workers"])
    if (worker.contains("connected_to") && worker["connected_to"].is_array() &&
        !worker["connected_to"].empty())
      ++connected;
  return connected >= count;
}

}  // namespace

Installation find_installation() {
  std::error_code ec;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  Installation found;
  for (const auto& base : {exe_dir / "..", exe_dir / ".." / "share" / "canary"}) {
    if (fs::exists(base / "buildbot" / "master.cfg", ec)) {
      found.share = fs::weakly_canonical(base / "buildbot", ec);
      found.fixtures = fs::weakly_canonical(base / "fixtures" / "repos", ec);
      break;
    }
  }
  found.localci = exe_dir / "canary-localci";
  return found;
}

std::optional<MasterInfo> read_session(const fs::path& dir) {
  const auto text = read_file(dir / "session.json");
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("url") || !json["url"].is_string() ||
      !json.contains("workers") || !json["workers"].is_array())
    return std::nullopt;
  MasterInfo info{dir, json["url"].get<std::string>(), {}};
  for (const auto& worker : json["workers"])
    if (worker.is_string()) info.workers.push_back(worker.get<std::string>());
  return info;
}

std::optional<MasterInfo> start_master(const Installation& installation, const fs::path& dir,
                                       int workers, std::string* error) {
  if (installation.share.empty()) {
    *error = "cannot find master.cfg (looked in <bin>/../buildbot and <bin>/../share/canary)";
    return std::nullopt;
  }
  std::error_code ec;
  MasterInfo info{fs::absolute(dir), "", {}};
  if (auto made = localci::make_dirs(info.dir); !made.empty()) {
    *error = made;
    return std::nullopt;
  }
  const auto log = info.dir / "setup.log";
  if (*error = run_tool({kBuildbot, "create-master", "-r", info.master_dir().string()}, log);
      !error->empty())
    return std::nullopt;
  std::string port_error;
  const auto www = localci::free_loopback_port(&port_error);
  const auto pb = localci::free_loopback_port(&port_error);
  if (!www || !pb || *www == *pb) {
    *error = "no free ports on 127.0.0.1: " + port_error;
    return std::nullopt;
  }
  info.url = "http://127.0.0.1:" + std::to_string(*www) + "/";
  const std::string password = localci::random_hex(12);
  for (int i = 0; i < workers; ++i) info.workers.push_back("worker-" + std::to_string(i));
  const nlohmann::json setup = {{"localci", installation.localci.string()},
                                {"fixtures", installation.fixtures.string()},
                                {"www_port", *www},
                                {"pb_port", *pb},
                                {"password", password},
                                {"workers", info.workers}};
  auto tac = read_file(info.master_dir() / "buildbot.tac").value_or("");
  const std::string from = "configfile = 'master.cfg'";
  if (const auto at = tac.find(from); at != std::string::npos)
    tac.replace(at, from.size(), "configfile = " + nlohmann::json((installation.share / "master.cfg").string()).dump());
  *error = write_file_atomic(info.master_dir() / "canary-master.json", setup.dump(2) + "\n");
  if (error->empty()) *error = write_file_atomic(info.master_dir() / "buildbot.tac", tac);
  if (error->empty())
    *error = write_file_atomic(info.dir / "session.json",
                               nlohmann::json{{"url", info.url}, {"workers", info.workers}}.dump(2) + "\n");
  if (!error->empty()) return std::nullopt;
  // The www stand-in on PYTHONPATH: Debian ships no buildbot-www (see www/).
  const std::map<std::string, std::string> env = {{"PYTHONPATH", (installation.share / "www").string()}};
  if (*error = run_tool({kBuildbot, "start", info.master_dir().string()}, log, env);
      !error->empty()) {
    stop_master(info);
    return std::nullopt;
  }
  for (const auto& name : info.workers) {
    *error = run_tool({kWorker, "create-worker", "-r", info.worker_dir(name).string(),
                       "127.0.0.1:" + std::to_string(*pb), name, password},
                      log);
    if (error->empty()) *error = run_tool({kWorker, "start", info.worker_dir(name).string()}, log);
    if (!error->empty()) {
      stop_master(info);
      return std::nullopt;
    }
  }
  const HttpClient http(info.url);
  for (int i = 0; i < 600 && !workers_connected(http, info.workers.size()); ++i) {
    if (localci::interrupted()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!workers_connected(http, info.workers.size())) {
    *error = "the workers did not connect to the master at " + info.url;
    stop_master(info);
    return std::nullopt;
  }
  return info;
}

std::string stop_master(const MasterInfo& info) {
  std::string left;
  for (const auto& name : info.workers)
    if (!stop_daemon(info.worker_dir(name))) left += "worker " + name + " still runs; ";
  if (!stop_daemon(info.master_dir())) left += "the master still runs; ";
  return left;
}

}  // namespace canary::buildbot
