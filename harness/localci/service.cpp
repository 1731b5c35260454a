#include "service.hpp"

#include "files.hpp"
#include "interrupt.hpp"

#include <unistd.h>

namespace canary::localci {

StartResult ServiceProcess::await_ready(const Readiness& wait, const std::function<bool()>& ready) {
  StartResult result;
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  while (!ready()) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline || interrupted()) {
      const bool exited = !process_->running();
      stop();
      const auto log = read_file(wait.log).value_or("");
      const auto news = log.size() > wait.log_before ? log.substr(wait.log_before) : "";
      result.port_in_use = news.find("Address already in use") != std::string::npos;
      result.error = wait.program + (exited ? " exited at start" : " " + wait.not_ready) +
                     " (port " + std::to_string(wait.port) + ")" + wait.detail(news);
      return result;
    }
    ::usleep(static_cast<useconds_t>(wait.poll.count()));
  }
  return result;
}

std::string ServiceProcess::start_process(const Launch& launch) {
  std::string error;
  auto process = ChildProcess::start(launch, &error);
  if (process) adopt(std::move(*process));
  return error;
}

}  // namespace canary::localci
