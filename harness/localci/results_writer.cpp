#include "results_writer.hpp"

#include "files.hpp"

#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>

namespace canary::localci {
namespace {

bool failed(const std::string& status) { return status == "fail" || status == "error"; }

std::string status_of(const std::vector<TierReport>& tiers, const std::string& name) {
  for (const auto& tier : tiers)
    if (tier.name == name) return tier.status;
  return "skip";
}

// cc-ci's rungs: backup and restore are judged as one; a failed deploy fails the install rung.
nlohmann::ordered_json rungs_of(const std::vector<TierReport>& tiers, bool deploy_failed) {
  const auto backup = status_of(tiers, "backup");
  const auto restore = status_of(tiers, "restore");
  std::string backup_restore = "pass";
  if (failed(backup) || failed(restore))
    backup_restore = failed(backup) ? backup : restore;
  else if (backup == "skip" && restore == "skip")
    backup_restore = "skip";
  return {{"install", deploy_failed ? "fail" : status_of(tiers, "install")},
          {"upgrade", status_of(tiers, "upgrade")},
          {"backup_restore", backup_restore},
          {"functional", status_of(tiers, "custom")}};
}

}  // namespace

int tiers_exit_code(const std::vector<TierReport>& tiers) {
  for (const auto& tier : tiers)
    if (failed(tier.status)) return 1;
  return 0;
}

int level_of(const std::vector<TierReport>& tiers) {
  int level = 0;
  for (const auto& tier : tiers) {
    if (failed(tier.status)) break;
    ++level;
  }
  return level;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

nlohmann::ordered_json stage_json(const TierReport& tier, const std::string& status) {
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  for (const auto& test : tier.tests) {
    nlohmann::ordered_json entry = {{"name", test.name}, {"status", test.status}, {"ms", test.ms}};
    if (!test.reason.empty()) entry["reason"] = test.reason;
    tests.push_back(entry);
  }
  nlohmann::ordered_json stage = {{"name", tier.name},
                                  {"status", status},
                                  {"ms", tier.ms},
                                  {"log", "logs/" + tier.name + ".log"},
                                  {"tests", tests}};
  if (!tier.reason.empty()) stage["reason"] = tier.reason;
  return stage;
}

nlohmann::ordered_json results_json(const RunSummary& summary, bool off_by_one) {
  nlohmann::ordered_json results = nlohmann::ordered_json::object();
  nlohmann::ordered_json stages = nlohmann::ordered_json::array();
  nlohmann::ordered_json skips = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < summary.tiers.size(); ++i) {
    const auto& tier = summary.tiers[i];
    const std::string& status = off_by_one && i > 0 ? summary.tiers[i - 1].status : tier.status;
    results[tier.name] = status;
    const auto stage = stage_json(tier, status);
    if (status == "skip") skips[tier.name] = tier.reason;
    stages.push_back(stage);
  }
  nlohmann::ordered_json ports = nlohmann::ordered_json::object();
  for (const auto& service : summary.services)
    if (service.port != 0) ports[service.name] = service.port;
  nlohmann::ordered_json json = {
      {"schema", 2},
      {"harness", "canary-localci"},
      {"recipe", summary.recipe},
      {"ref", summary.sha},
      {"run_id", summary.run_id},
      {"started", summary.started},
      {"finished", summary.finished},
      // The deploy before the tiers; when it failed no tier ran, and the tiers are absent.
      {"deploy",
       {{"status", summary.deploy_error.empty() ? "pass" : "fail"},
        {"reason", summary.deploy_error},
        {"log", "logs/up.log"}}},
      {"results", results},
      {"stages", stages},
      {"skips", skips},
      {"level", level_of(summary.tiers)},
      {"rungs", rungs_of(summary.tiers, !summary.deploy_error.empty())},
      {"flags",
       {{"clean_teardown", summary.teardown.clean()}, {"no_secret_leak", summary.leaks.empty()}}},
      {"exit_code", summary.exit_code},
      {"localci",
       {{"run_dir", summary.run_dir},
        {"ports", ports},
        {"teardown_ms", summary.teardown.ms},
        {"leftovers", summary.teardown.leftovers},
        {"secret_leaks", summary.leaks},
        {"faults", summary.faults}}},
  };
  if (summary.interrupt_signal != 0)
    json["interrupted"] = std::string("SIG") + ::sigabbrev_np(summary.interrupt_signal);
  return json;
}

std::string write_results_truncated(const std::filesystem::path& out,
                                    const nlohmann::ordered_json& results) {
  const std::string text =
      results.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::ofstream file(out / "results.json", std::ios::binary | std::ios::trunc);
  file << text.substr(0, text.size() / 2);
  return file ? "" : "cannot write " + (out / "results.json").string();
}

void pass_failed_tiers_in_map(nlohmann::ordered_json& results) {
  for (auto& [tier, status] : results["results"].items())
    if (failed(status.get<std::string>())) status = "pass";
}

std::string publish_previous_results(const std::filesystem::path& out, const std::string& recipe) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path newest;
  fs::file_time_type newest_time{};
  for (fs::directory_iterator it(out.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path candidate = it->path() / "results.json";
    if (it->path() == out || !fs::is_regular_file(candidate, ec)) continue;
    const auto text = read_file(candidate);
    const auto json = nlohmann::json::parse(text.value_or(""), nullptr, false);
    if (!json.is_object() || json.value("recipe", "") != recipe) continue;
    const auto time = fs::last_write_time(candidate, ec);
    if (!ec && (newest.empty() || time > newest_time)) {
      newest = candidate;
      newest_time = time;
    }
  }
  if (newest.empty()) return "no previous results.json for " + recipe + " beside " + out.string();
  fs::copy_file(newest, out / "results.json", fs::copy_options::overwrite_existing, ec);
  if (ec) return "cannot copy " + newest.string() + ": " + ec.message();
  fs::last_write_time(out / "results.json", newest_time, ec);
  return "";
}

std::string write_results(const std::filesystem::path& out, const nlohmann::ordered_json& results) {
  // Bodies quoted in reasons may hold any bytes: replace invalid UTF-8 rather than throw.
  return write_file_atomic(
      out / "results.json",
      results.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace canary::localci
