#include "supervisor.hpp"

#include "deployment.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "junit_writer.hpp"
#include "lifecycle.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxLine = 4096;

socklen_t abstract_address(const std::string& name, sockaddr_un* address) {
  std::memset(address, 0, sizeof *address);
  address->sun_family = AF_UNIX;
  const std::size_t length = std::min(name.size(), sizeof address->sun_path - 2);
  std::memcpy(address->sun_path + 1, name.data(), length);  // sun_path[0] == 0: abstract
  return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + length);
}

class Supervisor {
 public:
  Supervisor(const StatePaths& state, RunContext& run)
      : state_(state), run_(run), deployment_(run), summary_(start_summary(run)) {}

  std::string deploy() {
    deploy_error_ = deploy_pinned(run_, deployment_);
    summary_.deploy_error = deploy_error_;
    return deploy_error_;
  }

  // The reply to one request line.
  std::string handle(const std::string& request) {
    if (request == "ping") return "pong";
    if (request.rfind("tier ", 0) == 0) return tier(request.substr(5));
    if (request == "down") return down("");
    return "error unknown request";
  }

  std::string down(const std::string& why) {
    if (!why.empty()) TierLog(run_.paths.logs() / "harness.log", run_.started).note(why);
    const auto error = finish_run(summary_, deployment_, run_);
    nlohmann::ordered_json flags = {{"clean_teardown", summary_.teardown.clean()},
                                    {"no_secret_leak", summary_.leaks.empty()},
                                    {"leftovers", summary_.teardown.leftovers},
                                    {"secret_leaks", summary_.leaks}};
    if (!error.empty()) flags["error"] = error;
    write_file_atomic(state_.flags(), flags.dump(2) + "\n");
    done_ = true;
    if (!error.empty()) return "error " + error;
    return summary_.teardown.clean() && summary_.leaks.empty() ? "clean" : "not-clean";
  }

  bool done() const { return done_; }

 private:
  std::string tier(const std::string& name) {
    const TierEntry* entry = find_tier_entry(name);
    if (entry == nullptr) return "error unknown tier " + name;
    for (const auto& tier : summary_.tiers)
      if (tier.name == name) return "error tier " + name + " already ran";
    TierLog log(run_.paths.logs() / (name + ".log"), run_.started);
    run_.log = &log;
    // The install tier reports the deploy `up` did, when it is the first tier to run.
    const bool first = summary_.tiers.empty() && name == "install";
    TierContext context{run_,           deployment_,
                        log,            snapshot_taken_,
                        first ? &deploy_error_ : nullptr, &deploy_error_};
    summary_.tiers.push_back(run_tier(*entry, context, summary_.tiers));
    snapshot_taken_ = context.snapshot_taken;
    run_.log = nullptr;
    const TierReport& report = summary_.tiers.back();
    if (auto error = make_dirs(state_.tier(name).parent_path()) +
                     make_dirs(state_.junit(name).parent_path());
        !error.empty())
      return "error " + error;
    auto error = write_file_atomic(state_.tier(name), stage_json(report, report.status).dump(
                                                          2, ' ', false,
                                                          nlohmann::ordered_json::error_handler_t::replace) +
                                                          "\n");
    if (error.empty()) error = write_file_atomic(state_.junit(name), tier_junit(run_.recipe, report));
    return error.empty() ? report.status : "error " + error;
  }

  const StatePaths& state_;
  RunContext& run_;
  Deployment deployment_;
  RunSummary summary_;
  std::string deploy_error_;
  bool snapshot_taken_ = false;
  bool done_ = false;
};

}  // namespace

int listen_on(const std::string& name, std::string* error) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address;
  const socklen_t length = abstract_address(name, &address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(fd, 4) != 0) {
    *error = std::string("cannot listen on the supervisor socket: ") + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

int connect_to(const std::string& name, std::string* error) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address;
  const socklen_t length = abstract_address(name, &address);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), length) != 0) {
    *error = std::string("the supervisor does not answer: ") + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

bool send_line(int fd, const std::string& line) {
  const std::string text = line + "\n";
  std::size_t sent = 0;
  while (sent < text.size()) {
    // write(), not send(): the ready channel is a pipe; SIGPIPE is ignored (interrupt.cpp).
    const ssize_t n = ::write(fd, text.data() + sent, text.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> read_line(int fd, std::chrono::milliseconds timeout,
                                     void (*on_interrupt)(int), int argument) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  bool told = false;
  std::string line;
  while (std::chrono::steady_clock::now() < until) {
    if (interrupted() && on_interrupt != nullptr && !told) {
      on_interrupt(argument);
      told = true;
    }
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 100) <= 0) continue;
    char c = 0;
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    if (c == '\n') return line;
    if (line.size() >= kMaxLine) return std::nullopt;
    line += c;
  }
  return std::nullopt;
}

int supervise(int listen_fd, int ready_fd, const StatePaths& state, RunContext& run,
              std::chrono::seconds idle_limit) {
  Supervisor supervisor(state, run);
  const auto error = supervisor.deploy();
  send_line(ready_fd, error.empty() ? "ok" : "deploy-failed " + error);
  ::close(ready_fd);
  auto last = std::chrono::steady_clock::now();
  while (!supervisor.done()) {
    if (interrupted()) {
      supervisor.down("stopped by a signal: tearing down");
      break;
    }
    if (std::chrono::steady_clock::now() - last > idle_limit) {
      supervisor.down("no request for " + std::to_string(idle_limit.count()) +
                      " s and no `down`: tearing down");
      break;
    }
    pollfd entry{listen_fd, POLLIN, 0};
    if (::poll(&entry, 1, 200) <= 0) continue;
    const int client = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    if (const auto request = read_line(client, std::chrono::seconds(5)))
      send_line(client, supervisor.handle(*request));
    ::close(client);
    last = std::chrono::steady_clock::now();
  }
  ::close(listen_fd);
  return 0;
}

}  // namespace canary::localci
