// The backup and restore tiers: snapshot what the recipe declares, then prove it comes back.

#include "files.hpp"
#include "probes.hpp"
#include "tiers.hpp"

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

fs::path file_copy(const RunContext& run, const std::string& path) {
  return run.paths.backup() / "files" / path;
}
fs::path dump_file(const RunContext& run, const std::string& service) {
  return run.paths.backup() / "databases" / (service + ".sql");
}

std::uintmax_t bytes_under(const fs::path& root) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& file : regular_files(root)) total += fs::file_size(file, ec);
  return total;
}

// Takes the snapshot; returns the entries that failed, each with its reason.
std::vector<std::string> take_snapshot(TierContext& context, const Backup& backup) {
  std::vector<std::string> problems;
  RunContext& run = context.run;
  if (auto error = remove_tree(run.paths.backup()); !error.empty()) return {error};
  for (const auto& path : backup.paths) {
    context.log.note("backup: copying " + path);
    if (auto error = copy_tree(context.deployment.state_path(path), file_copy(run, path), true);
        !error.empty())
      problems.push_back(path + ": " + error);
  }
  for (const auto& service : backup.databases) {
    context.log.note("backup: dumping the database of " + service);
    std::string error;
    auto connection = context.deployment.connection(service, &error);
    if (connection && make_dirs(dump_file(run, service).parent_path()).empty())
      error = dump_database(*connection, dump_file(run, service));
    if (!error.empty()) problems.push_back(service + ": " + error);
  }
  return problems;
}

std::string restore_snapshot(TierContext& context, const Backup& backup) {
  RunContext& run = context.run;
  if (run.has_fault("restore-noop")) {
    context.log.note("fault restore-noop: reporting the restore done without restoring");
    return "";
  }
  for (const auto& path : backup.paths) {
    context.log.note("restore: replacing " + path);
    const auto target = context.deployment.state_path(path);
    if (auto error = remove_tree(target); !error.empty()) return error;
    if (auto error = copy_tree(file_copy(run, path), target, true); !error.empty()) return error;
  }
  for (const auto& service : backup.databases) {
    context.log.note("restore: reloading the database of " + service);
    std::string error;
    auto connection = context.deployment.connection(service, &error);
    if (!connection) return error;
    auto admin = *connection;
    admin.database = "postgres";
    for (const auto& statement :
         {"DROP DATABASE IF EXISTS " + connection->database + " WITH (FORCE)",
          "CREATE DATABASE " + connection->database}) {
      if (const auto result = run_sql(admin, statement); !result.ok()) return result.error;
    }
    if (const auto result = run_sql_file(*connection, dump_file(run, service)); !result.ok())
      return result.error;
  }
  return "";
}

std::string expect_marker(TierContext& context, const Marker& marker, const std::string& expected) {
  const auto read = read_value(context.deployment, marker.read, context.log);
  if (!read.ok) return "marker read: " + read.detail;
  if (read.value != expected)
    return "marker read gave '" + read.value + "', expected '" + expected + "'";
  return "";
}

}  // namespace

TierReport run_backup(TierContext& context) {
  TierReport tier{"backup"};
  const Recipe& recipe = context.deployment.recipe();
  if (!recipe.backup) {
    tier.status = "skip";
    tier.reason = "the recipe declares no backup";
    return tier;
  }
  if (auto error =
          write_value(context.deployment, recipe.marker->write, context.run.marker, context.log);
      !error.empty()) {
    fail_test(context, tier, "test_backup_artifact", "seeding the marker failed: " + error);
    fail_test(context, tier, "test_backup_captures_state", "seeding the marker failed: " + error);
    return tier;
  }
  const auto problems = take_snapshot(context, *recipe.backup);
  run_test(context, tier, "test_backup_artifact", [&]() -> std::string {
    if (!problems.empty()) return problems.front();
    for (const auto& path : recipe.backup->paths)
      if (bytes_under(file_copy(context.run, path)) == 0)
        return "the snapshot of " + path + " is empty";
    for (const auto& service : recipe.backup->databases)
      if (bytes_under(dump_file(context.run, service)) == 0)
        return "the dump of " + service + " is empty";
    return "";
  });
  run_test(context, tier, "test_backup_captures_state", [&]() -> std::string {
    const auto holding = files_containing(context.run.paths.backup(), context.run.marker);
    if (holding.empty()) return "no file of the snapshot holds the seeded marker";
    context.log.note("the marker is in " +
                     fs::relative(holding.front(), context.run.paths.out).string());
    return "";
  });
  context.snapshot_taken = problems.empty();
  return tier;
}

TierReport run_restore(TierContext& context) {
  TierReport tier{"restore"};
  const Recipe& recipe = context.deployment.recipe();
  if (!recipe.backup || !context.snapshot_taken) {
    tier.status = "skip";
    tier.reason = recipe.backup ? "no snapshot was taken" : "the recipe declares no backup";
    return tier;
  }
  const std::string changed = context.run.marker + "-changed";
  std::string error = write_value(context.deployment, recipe.marker->write, changed, context.log);
  if (error.empty()) error = expect_marker(context, *recipe.marker, changed);
  if (!error.empty()) {
    fail_test(context, tier, "test_restore_returns_state",
              "changing the marker before the restore failed: " + error);
    return tier;
  }
  if (error = restore_snapshot(context, *recipe.backup); error.empty())
    error = context.deployment.run_steps(recipe.backup->after_restore);
  if (!error.empty()) {
    fail_test(context, tier, "test_restore_returns_state", "restore failed: " + error);
    return tier;
  }
  run_test(context, tier, "test_restore_returns_state",
           [&] { return expect_marker(context, *recipe.marker, context.run.marker); });
  return tier;
}

}  // namespace canary::localci
