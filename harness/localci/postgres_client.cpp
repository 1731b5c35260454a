#include "postgres_client.hpp"

#include "child_process.hpp"
#include "files.hpp"
#include "postgres_service.hpp"
#include "run_context.hpp"

namespace canary::localci {
namespace {

Launch client(const PgConnection& connection, const std::string& program,
              std::vector<std::string> args) {
  Launch launch;
  launch.argv = {(postgres_bin_dir() / program).string(),
                 "-h",
                 "127.0.0.1",
                 "-p",
                 std::to_string(connection.port),
                 "-U",
                 "postgres",
                 "-d",
                 connection.database};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.log = connection.log;
  // The password travels in the environment, never on a command line or in a log.
  launch.env = {{"PGPASSWORD", connection.password},
                {"PGCONNECT_TIMEOUT", "10"},
                {"PGAPPNAME", "canary-localci"}};
  return launch;
}

SqlResult run_psql(const PgConnection& connection, std::vector<std::string> args) {
  SqlResult result;
  const auto out = connection.scratch / ("psql-" + random_hex(6) + ".out");
  std::vector<std::string> all = {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"};
  all.insert(all.end(), args.begin(), args.end());
  auto launch = client(connection, "psql", all);
  launch.stdout_file = out;
  const auto outcome = run_command(launch, std::chrono::seconds(60));
  result.output = read_file(out).value_or("");
  std::error_code ec;
  std::filesystem::remove(out, ec);
  while (!result.output.empty() && (result.output.back() == '\n' || result.output.back() == '\r'))
    result.output.pop_back();
  if (!outcome.ok()) result.error = "psql: " + outcome.error + " (see the tier log)";
  return result;
}

}  // namespace

SqlResult run_sql(const PgConnection& connection, const std::string& query) {
  return run_psql(connection, {"-c", query});
}

SqlResult run_sql_file(const PgConnection& connection, const std::filesystem::path& file) {
  return run_psql(connection, {"-f", file.string()});
}

std::string dump_database(const PgConnection& connection, const std::filesystem::path& file) {
  auto launch = client(connection, "pg_dump", {"--no-owner", "--no-privileges"});
  launch.stdout_file = file;
  const auto outcome = run_command(launch, std::chrono::seconds(120));
  return outcome.ok() ? "" : "pg_dump: " + outcome.error;
}

}  // namespace canary::localci
