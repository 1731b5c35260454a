#include "nginx_service.hpp"

#include "files.hpp"
#include "interrupt.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

namespace canary::localci {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string tail(const std::string& text, std::size_t lines) {
  std::size_t at = text.size();
  while (lines-- > 0 && at > 0) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) return text;
  }
  return text.substr(at + 1);
}

}  // namespace

NginxService::NginxService(std::string name, std::filesystem::path dir, std::filesystem::path logs)
    : ServiceProcess(std::move(name)), dir_(std::move(dir)), logs_(std::move(logs)) {}

StartResult NginxService::start(const std::string& server_block, int port) {
  StartResult result;
  const auto error_log = logs_ / (name() + "-error.log");
  const auto d = dir_.string();
  const std::string config = "# Written by canary-localci for service " + name() +
                             "\n"
                             "worker_processes 1;\n"
                             "pid " +
                             d +
                             "/nginx.pid;\n"
                             "error_log " +
                             error_log.string() +
                             " notice;\n"
                             "events { worker_connections 64; }\n"
                             "http {\n"
                             "  access_log " +
                             (logs_ / (name() + "-access.log")).string() +
                             ";\n"
                             "  client_body_temp_path " +
                             d +
                             "/tmp/body;\n"
                             "  proxy_temp_path " +
                             d +
                             "/tmp/proxy;\n"
                             "  fastcgi_temp_path " +
                             d +
                             "/tmp/fastcgi;\n"
                             "  uwsgi_temp_path " +
                             d +
                             "/tmp/uwsgi;\n"
                             "  scgi_temp_path " +
                             d +
                             "/tmp/scgi;\n"
                             "  include " +
                             d +
                             "/server.conf;\n"
                             "}\n";
  for (const auto& error :
       {make_dirs(dir_ / "tmp"), make_dirs(logs_), write_file(dir_ / "server.conf", server_block),
        write_file(dir_ / "nginx.conf", config)}) {
    if (!error.empty()) {
      result.error = error;
      return result;
    }
  }
  const auto before = read_file(error_log).value_or("").size();
  const auto pid_file = dir_ / "nginx.pid";
  std::error_code ec;
  std::filesystem::remove(pid_file, ec);
  Launch launch;
  launch.argv = {kNginx, "-p",         d + "/", "-e", error_log.string(), "-c", d + "/nginx.conf",
                 "-g",   "daemon off;"};
  launch.log = logs_ / (name() + ".log");
  if (std::string error = start_process(launch); !error.empty()) {
    result.error = std::move(error);
    return result;
  }
  // nginx writes its pid file only after binding its sockets: a listener without it is not ours.
  auto ours = [&] {
    const auto pid = read_file(pid_file);
    return pid && std::atoi(pid->c_str()) == process_->pid() && accepts_connections(port);
  };
  return await_ready({"nginx", "did not accept connections", port, error_log, before,
                      std::chrono::seconds(10), std::chrono::microseconds(3000),
                      [](const std::string& news) { return ": " + tail(news, 3); }},
                     ours);
}

void NginxService::stop() {
  if (process_) process_->stop(SIGTERM, std::chrono::seconds(5));
}

}  // namespace canary::localci
