#include "postgres_service.hpp"

#include "files.hpp"
#include "interrupt.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

constexpr const char* kUser = "postgres";

// When root, hands `path` to the postgres user, who refuses to run as root.
std::string give_to_postgres(const fs::path& path) {
  if (::geteuid() != 0) return "";
  const passwd* user = ::getpwnam(kUser);
  if (user == nullptr)
    return "the postgres user does not exist (install Debian's postgresql package)";
  if (::chown(path.c_str(), user->pw_uid, user->pw_gid) != 0)
    return "cannot chown " + path.string();
  return "";
}

}  // namespace

fs::path postgres_bin_dir() {
  if (const char* env = std::getenv("CANARY_LOCALCI_PG_BIN"); env != nullptr && *env != '\0')
    return env;
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec), end; !ec && it != end;
       it.increment(ec)) {
    const int version = std::atoi(it->path().filename().c_str());
    if (version > best_version && fs::exists(it->path() / "bin" / "postgres", ec)) {
      best_version = version;
      best = it->path() / "bin";
    }
  }
  return best.empty() ? fs::path("/usr/lib/postgresql/15/bin") : best;
}

PostgresService::PostgresService(std::string name, fs::path dir, fs::path logs)
    : ServiceProcess(std::move(name)), dir_(std::move(dir)), logs_(std::move(logs)) {}

std::string PostgresService::ensure_cluster(const std::string& password,
                                            const fs::path& command_log) {
  std::error_code ec;
  if (fs::exists(dir_ / "data" / "PG_VERSION", ec)) return "";
  if (auto error = make_dirs(dir_); !error.empty()) return error;
  if (auto error = give_to_postgres(dir_); !error.empty()) return error;
  const auto pwfile = dir_ / "pwfile";
  if (auto error = write_file(pwfile, password + "\n"); !error.empty()) return error;
  ::chmod(pwfile.c_str(), 0600);
  if (auto error = give_to_postgres(pwfile); !error.empty()) return error;
  Launch initdb;
  initdb.argv = {(postgres_bin_dir() / "initdb").string(),
                 "-D",
                 (dir_ / "data").string(),
                 "-U",
                 "postgres",
                 "--auth=scram-sha-256",
                 "--pwfile=" + pwfile.string(),
                 "-E",
                 "UTF8",
                 "--locale=C.UTF-8",
                 "--no-sync",
                 "--no-instructions"};
  initdb.log = command_log;
  initdb.run_as = kUser;
  const auto outcome = run_command(initdb, std::chrono::seconds(60));
  fs::remove(pwfile, ec);
  return outcome.ok() ? "" : "initdb: " + outcome.error;
}

StartResult PostgresService::start(int port) {
  StartResult result;
  if (auto error = make_dirs(logs_); !error.empty()) {
    result.error = error;
    return result;
  }
  const auto server_log = logs_ / (name() + ".log");
  const auto before = read_file(server_log).value_or("").size();
  Launch launch;
  // No socket file (TCP only), and durability traded for speed: the cluster dies with the run.
  launch.argv = {(postgres_bin_dir() / "postgres").string(),
                 "-D",
                 (dir_ / "data").string(),
                 "-p",
                 std::to_string(port),
                 "-c",
                 "listen_addresses=127.0.0.1",
                 "-c",
                 "unix_socket_directories=",
                 "-c",
                 "fsync=off",
                 "-c",
                 "synchronous_commit=off",
                 "-c",
                 "full_page_writes=off",
                 "-c",
                 "max_connections=20"};
  launch.log = server_log;
  launch.run_as = kUser;
  if (std::string error = start_process(launch); !error.empty()) {
    result.error = std::move(error);
    return result;
  }
  const auto pid_file = dir_ / "data" / "postmaster.pid";
  // The last line of postmaster.pid turns to "ready" once connections are accepted.
  const auto see_log = [this](const std::string&) {
    return ", see logs/services/" + name() + ".log";
  };
  return await_ready({"postgres", "did not become ready", port, server_log, before,
                      std::chrono::seconds(30), std::chrono::microseconds(5000), see_log},
                     [&] {
                       return read_file(pid_file).value_or("").find("\nready") != std::string::npos;
                     });
}

void PostgresService::stop() {
  // SIGINT is PostgreSQL's fast shutdown: abort sessions, checkpoint, exit.
  if (process_) process_->stop(SIGINT, std::chrono::seconds(10));
}

}  // namespace canary::localci
