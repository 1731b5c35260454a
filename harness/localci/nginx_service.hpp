#pragma once
// Debian's nginx in the foreground, with its prefix, pid, temp files and logs of the run.

#include "service.hpp"

#include <filesystem>
#include <string>

namespace canary::localci {

class NginxService : public ServiceProcess {
 public:
  // `dir`: private files under the run directory; `logs`: where its logs go (artifacts).
  NginxService(std::string name, std::filesystem::path dir, std::filesystem::path logs);

  // Starts nginx with `server_block` (the rendered recipe config) listening on `port`.
  StartResult start(const std::string& server_block, int port);
  void stop() override;

 private:
  std::filesystem::path dir_;
  std::filesystem::path logs_;
};

}  // namespace canary::localci
