// canary-buildbot: runs a fixture recipe's lifecycle as a Buildbot build and writes
// results.json (cc-ci schema 2) from what Buildbot said: the adapter a Canary profile runs.

#include "build_run.hpp"
#include "local_master.hpp"

#include "../../localci/child_process.hpp"
#include "../../localci/files.hpp"
#include "../../localci/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <regex>

namespace fs = std::filesystem;
using namespace canary::buildbot;

namespace {

enum Exit : int { kGreen = 0, kRed = 1, kUsage = 2, kToolError = 3 };

int fail(const std::string& message, int code) {
  std::cerr << "canary-buildbot: error: " << message << "\n";
  return code;
}

fs::path default_session_dir() {
  if (const char* env = std::getenv("CANARY_BUILDBOT_SESSION"); env != nullptr && *env != '\0')
    return env;
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).parent_path() / ".." / "buildbot-session";
}

fs::path temp_root() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? fs::path(tmp) : fs::path("/tmp");
}

std::optional<nlohmann::json> read_faults(const Installation& installation) {
  const auto text = canary::localci::read_file(installation.share / "faults.json");
  if (!text) return std::nullopt;
  auto json = nlohmann::json::parse(*text, nullptr, false);
  return json.is_object() ? std::optional<nlohmann::json>(json) : std::nullopt;
}

// A live session master (the CTest fixture's), when there is one.
std::optional<MasterInfo> live_session(const fs::path& dir) {
  auto info = read_session(dir);
  if (!info) return std::nullopt;
  std::string error;
  if (!HttpClient(info->url).get_json("api/v2/builders?field=name", &error)) return std::nullopt;
  return info;
}

// A run the build left up (its down step never ran) is torn down on a master we run, after
// Buildbot's account of the build is written: cleaning up is not correcting Buildbot.
void sweep(const Installation& installation, const MasterInfo& master, const BuildOutcome& build,
           const std::string& builder, const fs::path& out) {
  if (build.worker.empty() || build.number < 0) return;
  const fs::path state =
      master.worker_dir(build.worker) / builder / ("state-" + std::to_string(build.number));
  std::error_code ec;
  if (!fs::exists(state / "supervisor.json", ec)) return;
  canary::localci::Launch launch;
  launch.argv = {installation.localci.string(), "down", "--state", state.string()};
  launch.log = out / "buildbot" / "sweep.log";
  canary::localci::run_command(launch, std::chrono::minutes(2));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"canary-buildbot: runs a recipe's lifecycle as a Buildbot build (checkout, up, "
               "install, upgrade, backup, restore, custom, down) and writes results.json from "
               "what Buildbot reports."};
  app.require_subcommand(1);
  BuildRequest request;
  std::string master_url, fault, session_dir, out;
  int deadline_s = 900;
  auto* run = app.add_subcommand("run", "Force a build of a recipe at a SHA and report it");
  run->add_option("--recipe", request.recipe, "Fixture recipe name")->required();
  run->add_option("--sha", request.sha, "The commit to build: 40 hex digits")->required();
  run->add_option("--run-id", request.run_id, "Identifier of this run ([A-Za-z0-9._-])")->required();
  run->add_option("--out", out, "Artifact directory")->required();
  run->add_option("--master", master_url,
                  "URL of a running Buildbot master (default: the session's master if one is "
                  "up, else a throwaway master and worker on 127.0.0.1)");
  run->add_option("--builder", request.builder, "Builder to force (default: canary)");
  run->add_option("--scheduler", request.scheduler, "ForceScheduler name")->capture_default_str();
  run->add_option("--fault", fault, "Use the builder of a misconfiguration (see list-faults)");
  run->add_option("--deadline", deadline_s, "Seconds before the build is stopped")
      ->capture_default_str()->check(CLI::PositiveNumber);
  run->footer(
      "Tier status from each tier step's result: SUCCESS and WARNINGS pass, FAILURE fail,\n"
      "SKIPPED skip, EXCEPTION/RETRY/CANCELLED error; a step that never ran is absent.\n"
      "Exit: 0 build SUCCESS or WARNINGS (Buildbot's reporters publish both as success);\n"
      "1 any other build result; 2 bad arguments; 3 no build result (no results.json).");
  auto* list = app.add_subcommand("list-faults", "List the master-config misconfigurations");
  int workers = 2;
  auto* start = app.add_subcommand("start-master", "Start the session's master and workers");
  auto* stop = app.add_subcommand("stop-master", "Stop the session's master and workers");
  for (auto* command : {start, stop, run})
    command->add_option("--session", session_dir,
                        "Session directory (default: $CANARY_BUILDBOT_SESSION, else "
                        "<bin>/../buildbot-session)");
  start->add_option("--workers", workers, "Workers (builds at once)")->capture_default_str()
      ->check(CLI::Range(1, 8));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : kUsage;
  }
  canary::localci::install_interrupt_handlers();
  const Installation installation = find_installation();
  const fs::path session = session_dir.empty() ? default_session_dir() : fs::path(session_dir);
  const auto faults = read_faults(installation);
  if (!faults) return fail("cannot read faults.json in " + installation.share.string(), kToolError);
  if (*list) {
    for (const auto& [name, effect] : faults->items())
      std::cout << name << "  " << effect.get<std::string>() << "\n";
    return 0;
  }
  if (*start) {
    // A session left by an aborted ctest is stopped first: the session directory is ours.
    if (const auto old = read_session(session))
      if (const auto left = stop_master(*old); !left.empty()) return fail(left, kToolError);
    canary::localci::remove_tree(session);
    std::string error;
    const auto info = start_master(installation, session, workers, &error);
    if (!info) return fail(error, kToolError);
    std::cout << "canary-buildbot: session master " << info->url << " with " << workers << " workers\n";
    return 0;
  }
  if (*stop) {
    const auto info = read_session(session);
    if (!info) return 0;
    const auto left = stop_master(*info);
    if (!left.empty()) return fail(left, kToolError);
    canary::localci::remove_tree(session);
    return 0;
  }

  if (!std::regex_match(request.recipe, std::regex("[a-z0-9][a-z0-9-]*")))
    return fail("--recipe '" + request.recipe + "' is not a recipe name", kUsage);
  if (!std::regex_match(request.sha, std::regex("[0-9a-f]{40}")))
    return fail("--sha must be 40 lowercase hex digits", kUsage);
  if (!std::regex_match(request.run_id, std::regex("[A-Za-z0-9._-]+")))
    return fail("--run-id must be non-empty [A-Za-z0-9._-]", kUsage);
  if (!fault.empty() && !faults->contains(fault))
    return fail("unknown fault '" + fault + "' (see list-faults)", kUsage);
  if (!fault.empty() && !request.builder.empty())
    return fail("--fault picks the builder: give --fault or --builder, not both", kUsage);
  if (request.builder.empty()) request.builder = fault.empty() ? "canary" : "canary-fault-" + fault;
  request.deadline = std::chrono::seconds(deadline_s);
  request.out = fs::absolute(out);
  if (auto error = canary::localci::make_dirs(request.out / "buildbot"); !error.empty())
    return fail(error, kUsage);
  std::error_code ec;
  fs::remove(request.out / "results.json", ec);

  std::optional<MasterInfo> local;  // a master on this machine whose files we can read
  std::optional<fs::path> throwaway;
  if (master_url.empty()) {
    local = live_session(session);
    if (!local) {
      std::string dir = (temp_root() / "canary-buildbot-XXXXXX").string();
      if (::mkdtemp(dir.data()) == nullptr) return fail("cannot make a master directory", kToolError);
      throwaway = dir;
      // The daemons the master's start double-forks are reparented to us, so we reap them when
      // we stop them, and none outlives this run unseen (what is left goes to Canary's reaper).
      canary::localci::become_subreaper();
      std::string error;
      local = start_master(installation, *throwaway, 1, &error);
      if (!local) {
        canary::localci::copy_tree(*throwaway / "master" / "twistd.log", request.out / "buildbot" / "twistd.log", true);
        canary::localci::remove_tree(*throwaway);
        return fail("cannot start a Buildbot master: " + error, kToolError);
      }
    }
    master_url = local->url;
  }
  const auto outcome = run_build(HttpClient(master_url), request);
  if (local) {
    sweep(installation, *local, outcome, request.builder, request.out);
    canary::localci::copy_tree(local->master_dir() / "twistd.log",
                               request.out / "buildbot" / "twistd.log", true);
  }
  if (throwaway) {
    const auto left = stop_master(*local);
    canary::localci::remove_tree(*throwaway);
    if (!left.empty()) return fail(left, kToolError);
  }
  if (!outcome.error.empty()) return fail(outcome.error, kToolError);
  std::cout << "canary-buildbot: " << request.recipe << " @ " << request.sha.substr(0, 12)
            << " on " << master_url << " builder " << request.builder << ": build result "
            << outcome.buildbot_result << ", exit " << outcome.exit_code << "\n";
  if (canary::localci::interrupted()) return 128 + canary::localci::interrupt_signal();
  return outcome.exit_code == 0 ? kGreen : kRed;
}
