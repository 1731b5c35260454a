#pragma once
// A long-running process of a deployment, supervised by the harness in its own process group.

#include "child_process.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace canary::localci {

struct StartResult {
  std::string error;         // "" when the service is up and answering
  bool port_in_use = false;  // someone took the port first: retry on a fresh one
};

class ServiceProcess {
 public:
  explicit ServiceProcess(std::string name) : name_(std::move(name)) {}
  virtual ~ServiceProcess() = default;
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  const std::string& name() const { return name_; }
  bool running() { return process_ && process_->running(); }
  virtual void stop() = 0;
  // Process groups this service ever had, for the teardown's check that none survives.
  const std::vector<int>& groups() const { return groups_; }

 protected:
  // How a started service is waited for, and how its failure to come up is told.
  struct Readiness {
    std::string program;  // "nginx"
    std::string not_ready;  // "did not accept connections"
    int port = 0;
    std::filesystem::path log;  // the service's log, and its size before the start
    std::size_t log_before = 0;
    std::chrono::milliseconds timeout{0};
    std::chrono::microseconds poll{0};
    // What follows "(port N)" in the error, given what the log gained since the start.
    std::function<std::string(const std::string& news)> detail;
  };
  // Polls `ready` until it holds. When the process exits, the timeout passes or the harness is
  // interrupted first, stops the service and says why (port_in_use when its log says so).
  StartResult await_ready(const Readiness& wait, const std::function<bool()>& ready);
  // Starts `launch` as this service's process (adopted); "" or why it did not start.
  std::string start_process(const Launch& launch);

  void adopt(ChildProcess process) {
    groups_.push_back(process.pid());
    process_ = std::move(process);
  }

  std::optional<ChildProcess> process_;

 private:
  std::string name_;
  std::vector<int> groups_;
};

}  // namespace canary::localci
