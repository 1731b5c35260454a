#pragma once
// A long-running process of a deployment, supervised by the harness in its own process group.

#include "child_process.hpp"

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
