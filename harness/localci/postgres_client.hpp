#pragma once
// psql and pg_dump against a service of the run, over TCP with the recipe's password.

#include <filesystem>
#include <string>

namespace canary::localci {

struct PgConnection {
  int port = 0;
  std::string password;
  std::string database;
  std::filesystem::path log;      // client stderr is appended here
  std::filesystem::path scratch;  // for captured output
};

struct SqlResult {
  std::string output;  // psql -At, trailing newline removed
  std::string error;   // "" on success
  bool ok() const { return error.empty(); }
};

SqlResult run_sql(const PgConnection& connection, const std::string& query);
SqlResult run_sql_file(const PgConnection& connection, const std::filesystem::path& file);
// Plain-SQL dump of the connection's database into `file`.
std::string dump_database(const PgConnection& connection, const std::filesystem::path& file);

}  // namespace canary::localci
