#pragma once
// PostgreSQL as a supervised service: one cluster per run, TCP on 127.0.0.1 only, no socket file.

#include "service.hpp"

#include <filesystem>
#include <string>

namespace canary::localci {

// The directory of initdb, postgres, psql and pg_dump: $CANARY_LOCALCI_PG_BIN, else the newest
// /usr/lib/postgresql/<version>/bin.
std::filesystem::path postgres_bin_dir();

class PostgresService : public ServiceProcess {
 public:
  // `dir`: the cluster's home under the run directory; `logs`: where the server log goes.
  PostgresService(std::string name, std::filesystem::path dir, std::filesystem::path logs);

  // Runs initdb once per run (as the postgres user when the harness is root); `password` is the
  // superuser's. initdb's output is appended to `command_log`.
  std::string ensure_cluster(const std::string& password, const std::filesystem::path& command_log);
  StartResult start(int port);
  void stop() override;

 private:
  std::filesystem::path dir_;
  std::filesystem::path logs_;
};

}  // namespace canary::localci
