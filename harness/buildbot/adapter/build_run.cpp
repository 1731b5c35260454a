#include "build_run.hpp"

#include "../../localci/files.hpp"
#include "../../localci/interrupt.hpp"

#include <ctime>
#include <thread>

namespace canary::buildbot {
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

const char* const kTiers[] = {"install", "upgrade", "backup", "restore", "custom"};
constexpr std::size_t kMaxPart = 4u << 20;  // a tier part or flags log bigger than this is refused

std::string iso(const nlohmann::json& epoch) {
  if (!epoch.is_number()) return "";
  const std::time_t when = epoch.get<std::time_t>();
  std::tm parts{};
  ::gmtime_r(&when, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// A file name from a step's number, name and log slug: [A-Za-z0-9._-] only.
std::string log_file_name(int number, const std::string& step, const std::string& slug) {
  std::string name = std::to_string(number) + "-" + step + "-" + slug;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return name.substr(0, 120) + ".log";
}

std::optional<nlohmann::json> json_part(const std::string& text) {
  if (text.size() > kMaxPart) return std::nullopt;
  auto json = nlohmann::json::parse(text, nullptr, false);
  return json.is_object() ? std::optional<nlohmann::json>(json) : std::nullopt;
}

int exit_code_of(int result) { return result == kSuccess || result == kWarnings ? 0 : 1; }

struct Step {
  int number = 0;
  std::string name;
  int result = -1;
  nlohmann::json raw;
  std::map<std::string, std::string> logs;  // slug -> raw text
};

// The build's steps with their logs, each log also written under out/logs/.
std::optional<std::vector<Step>> read_steps(const HttpClient& http, int buildid,
                                            const fs::path& out, std::string* error) {
  const auto steps = http.get_json("api/v2/builds/" + std::to_string(buildid) + "/steps", error);
  if (!steps || !(*steps)["steps"].is_array()) return std::nullopt;
  localci::write_file_atomic(out / "buildbot" / "steps.json", steps->dump(2) + "\n");
  std::vector<Step> list;
  for (const auto& raw : (*steps)["steps"]) {
    Step step;
    step.raw = raw;
    step.number = raw.value("number", -1);
    step.name = raw.value("name", "");
    step.result = raw["results"].is_number_integer() ? raw["results"].get<int>() : -1;
    const auto stepid = raw.value("stepid", -1);
    const auto logs = http.get_json("api/v2/steps/" + std::to_string(stepid) + "/logs", error);
    if (!logs || !(*logs)["logs"].is_array()) return std::nullopt;
    for (const auto& log : (*logs)["logs"]) {
      const std::string slug = log.value("slug", "");
      const auto text = http.get("api/v2/steps/" + std::to_string(stepid) + "/logs/" +
                                 url_encode(slug) + "/raw");
      if (!text.error.empty() || text.status != 200) {
        *error = "log " + slug + " of step " + step.name + ": " +
                 (text.error.empty() ? "HTTP " + std::to_string(text.status) : text.error);
        return std::nullopt;
      }
      step.logs[slug] = text.body;
      localci::write_file_atomic(out / "logs" / log_file_name(step.number, step.name, slug),
                                 text.body);
    }
    list.push_back(std::move(step));
  }
  return list;
}

ordered_json results_of(const BuildRequest& request, const nlohmann::json& build,
                        const std::vector<Step>& steps, const std::string& got_revision,
                        int result) {
  ordered_json results = ordered_json::object();
  ordered_json stages = ordered_json::array();
  ordered_json skips = ordered_json::object();
  ordered_json step_results = ordered_json::object();
  ordered_json flags = ordered_json::object();
  int level = 0;
  bool failed_before = false;
  for (const auto& step : steps) {
    step_results[step.name] = step.result;
    if (step.name == "down") {
      // Flags only from what the down step uploaded: none when it never ran.
      if (const auto it = step.logs.find("flags"); it != step.logs.end())
        if (const auto part = json_part(it->second))
          for (const char* flag : {"clean_teardown", "no_secret_leak"})
            if (part->contains(flag) && (*part)[flag].is_boolean()) flags[flag] = (*part)[flag];
      continue;
    }
    if (std::find(std::begin(kTiers), std::end(kTiers), step.name) == std::end(kTiers)) continue;
    const std::string status = tier_status(step.result);
    results[step.name] = status;
    ordered_json tests = ordered_json::array();
    if (const auto it = step.logs.find("tier"); it != step.logs.end())
      if (const auto part = json_part(it->second); part && (*part)["tests"].is_array())
        for (const auto& test : (*part)["tests"])
          if (test.is_object() && test["name"].is_string() && test["status"].is_string())
            tests.push_back({{"name", test["name"]}, {"status", test["status"]},
                             {"ms", test.value("ms", 0)}});
    stages.push_back({{"name", step.name},
                      {"status", status},
                      {"log", "logs/" + log_file_name(step.number, step.name, "stdio")},
                      {"tests", tests},
                      {"buildbot_result", step.result}});
    if (status == "skip") skips[step.name] = step.raw.value("state_string", "");
    failed_before = failed_before || status == "fail" || status == "error";
    if (!failed_before) ++level;
  }
  return {{"schema", 2},
          {"harness", "canary-buildbot"},
          {"recipe", request.recipe},
          {"ref", got_revision},
          {"run_id", request.run_id},
          {"started", iso(build["started_at"])},
          {"finished", iso(build["complete_at"])},
          {"results", results},
          {"stages", stages},
          {"skips", skips},
          {"level", level},
          {"flags", flags},
          {"exit_code", exit_code_of(result)},
          {"buildbot",
           {{"master", ""},
            {"builder", request.builder},
            {"buildid", build["buildid"]},
            {"result", result},
            {"steps", step_results}}}};
}

}  // namespace

std::string tier_status(int result) {
  switch (result) {
    case kSuccess:
    case kWarnings: return "pass";
    case kFailure: return "fail";
    case kSkipped: return "skip";
    default: return "error";  // EXCEPTION, RETRY, CANCELLED, or no result at all
  }
}

BuildOutcome run_build(const HttpClient& http, const BuildRequest& request) {
  BuildOutcome outcome;
  std::string& error = outcome.error;
  const auto builders = http.get_json("api/v2/builders?name=" + url_encode(request.builder) +
                                          "&field=builderid&field=name", &error);
  if (!builders) return outcome;
  if (!(*builders)["builders"].is_array() || (*builders)["builders"].size() != 1) {
    error = "the master has no builder named '" + request.builder + "'";
    return outcome;
  }
  const int builderid = (*builders)["builders"][0].value("builderid", -1);
  const nlohmann::json force = {
      {"jsonrpc", "2.0"}, {"method", "force"}, {"id", 1},
      {"params", {{"builderid", std::to_string(builderid)}, {"revision", request.sha},
                  {"branch", ""}, {"repository", ""}, {"project", ""},
                  {"reason", "canary run " + request.run_id}, {"recipe", request.recipe},
                  {"run_id", request.run_id}}}};
  const auto forced = http.post_json("api/v2/forceschedulers/" + url_encode(request.scheduler), force);
  const auto reply = nlohmann::json::parse(forced.body, nullptr, false);
  if (!forced.error.empty() || forced.status != 200 || !reply.is_object() ||
      !reply.contains("result") || !reply["result"].is_array() || reply["result"].size() != 2 ||
      !reply["result"][1].is_object() || reply["result"][1].size() != 1) {
    error = "forcing a build failed: " +
            (forced.error.empty() ? "HTTP " + std::to_string(forced.status) + ": " + forced.body.substr(0, 300)
                                  : forced.error);
    return outcome;
  }
  const int requestid = reply["result"][1].begin()->get<int>();

  const auto until = std::chrono::steady_clock::now() + request.deadline;
  nlohmann::json build;
  bool stop_sent = false;
  for (;;) {
    const auto found = http.get_json("api/v2/builds?buildrequestid=" + std::to_string(requestid) +
                                         "&field=buildid&field=complete&field=results&field=buildrequestid",
                                     &error);
    if (!found) return outcome;
    const auto& builds = (*found)["builds"];
    if (builds.is_array() && !builds.empty()) build = builds.back();
    if (build.is_object() && build.value("complete", false)) break;
    const bool late = std::chrono::steady_clock::now() > until;
    if ((localci::interrupted() || late) && build.is_object() && !stop_sent) {
      http.post_json("api/v2/builds/" + std::to_string(build.value("buildid", -1)),
                     {{"jsonrpc", "2.0"}, {"method", "stop"}, {"id", 1},
                      {"params", {{"reason", late ? "canary deadline" : "canary stopped"}}}});
      stop_sent = true;
    }
    if ((localci::interrupted() || late) &&
        std::chrono::steady_clock::now() > until + std::chrono::seconds(60)) {
      error = "the build did not complete, even after it was told to stop";
      return outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const int buildid = build["buildid"].get<int>();
  const auto full = http.get_json("api/v2/builds/" + std::to_string(buildid), &error);
  if (!full || !(*full)["builds"].is_array() || (*full)["builds"].empty()) return outcome;
  const auto& the_build = (*full)["builds"][0];
  localci::make_dirs(request.out / "buildbot");
  localci::make_dirs(request.out / "logs");
  localci::write_file_atomic(request.out / "buildbot" / "build.json", full->dump(2) + "\n");
  const auto props = http.get_json("api/v2/builds/" + std::to_string(buildid) + "/properties", &error);
  if (!props) return outcome;
  localci::write_file_atomic(request.out / "buildbot" / "properties.json", props->dump(2) + "\n");
  std::string got_revision;
  if ((*props)["properties"].is_array() && !(*props)["properties"].empty()) {
    const auto& all = (*props)["properties"][0];
    if (all.contains("got_revision") && all["got_revision"].is_array() &&
        all["got_revision"][0].is_string())
      got_revision = all["got_revision"][0];
    if (all.contains("workername") && all["workername"].is_array() &&
        all["workername"][0].is_string())
      outcome.worker = all["workername"][0];
  }
  const auto steps = read_steps(http, buildid, request.out, &error);
  if (!steps) return outcome;
  if (!the_build["results"].is_number_integer()) {
    error = "the build is complete but has no result";
    return outcome;
  }
  outcome.buildbot_result = the_build["results"].get<int>();
  outcome.number = the_build.value("number", -1);
  auto results = results_of(request, the_build, *steps, got_revision, outcome.buildbot_result);
  results["buildbot"]["master"] = http.base();
  if (auto written = localci::write_file_atomic(request.out / "results.json", results.dump(2) + "\n");
      !written.empty()) {
    error = written;
    return outcome;
  }
  outcome.exit_code = exit_code_of(outcome.buildbot_result);
  return outcome;
}

}  // namespace canary::buildbot
