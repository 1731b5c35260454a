#include "commands.hpp"
#include "suite_options.hpp"
#include "suite_selection.hpp"

#include <canary/exit_codes.hpp>
#include <canary/harness_faults.hpp>
#include <canary/teeth.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

namespace canary::cli {
namespace {

struct TeethOptions {
  std::vector<std::string> paths;
  bool json = false;
  bool harness_faults = false;
  std::string profile;
  std::string artifact_root;
  std::vector<std::string> faults;
  std::size_t jobs = 2;
  double hang_factor = 0;
};

std::vector<std::string> descriptions(const TeethReport& report, Fate fate) {
  std::vector<std::string> out;
  for (const MutantOutcome& m : report.mutants) {
    if (m.fate == fate) out.push_back(m.description);
  }
  return out;
}

void print_text(const TeethReport& report) {
  if (report.error) {
    std::cout << fmt::format("{}: error: {}\n", report.canary, *report.error);
    return;
  }
  std::cout << fmt::format("{}: {} mutants, {} killed, {} survived", report.canary,
                           report.mutants.size(), report.count(Fate::killed),
                           report.count(Fate::survived));
  const std::size_t equivalents = report.count(Fate::equivalent);
  std::cout << (equivalents > 0 ? fmt::format(" ({} equivalent)\n", equivalents) : "\n");
  for (const std::string& survivor : descriptions(report, Fate::survived)) {
    std::cout << "  " << survivor << " survives\n";
  }
}

nlohmann::ordered_json to_json(const TeethReport& report) {
  nlohmann::ordered_json item;
  item["canary"] = report.canary;
  item["path"] = report.path;
  item["error"] = report.error ? nlohmann::ordered_json(*report.error) : nlohmann::ordered_json();
  item["mutants"] = report.mutants.size();
  item["killed"] = report.count(Fate::killed);
  item["survived"] = report.count(Fate::survived);
  item["equivalent"] = report.count(Fate::equivalent);
  item["survivors"] = descriptions(report, Fate::survived);
  item["equivalents"] = descriptions(report, Fate::equivalent);
  return item;
}

// The one profile every selected canary runs on (--profile, else each canary's own).
const ProfileFile* common_profile(const std::vector<const CanarySpec*>& specs,
                                  const Workspace& workspace, const std::string& chosen) {
  const ProfileFile* common = nullptr;
  for (const CanarySpec* spec : specs) {
    const ProfileFile& file = chosen.empty() ? profile_for(workspace, *spec) : find_profile(workspace, chosen);
    if (!file.ok()) {
      for (const Diagnostic& d : file.diagnostics) std::cerr << format(d) << "\n";
      return nullptr;
    }
    if (common != nullptr && common->profile->path != file.profile->path) {
      std::cerr << fmt::format(
          "canary teeth: canaries run on different harness profiles ({} and {}); choose one "
          "with --profile\n",
          common->profile->path, file.profile->path);
      return nullptr;
    }
    common = &file;
  }
  return common;
}

nlohmann::ordered_json outcome_json(const CanaryOutcome& run) {
  return {{"canary", run.canary},
          {"outcome", std::string(to_string(run.outcome))},
          {"artifact_dir", run.artifact_dir}};
}

int run_harness_faults(const TeethOptions& options) {
  const Workspace workspace = workspace_with_artifact_root(options.artifact_root);
  const std::optional<Suite> suite = load_runnable(workspace, options.paths, "canary teeth");
  if (!suite) return to_int(ExitCode::usage_error);
  const auto specs = select(*suite, "");
  if (specs.empty()) {
    std::cerr << "canary teeth: no canary selected\n";
    return to_int(ExitCode::nothing_selected);
  }
  const ProfileFile* profile = common_profile(specs, workspace, options.profile);
  if (profile == nullptr) return to_int(ExitCode::usage_error);

  HarnessFaultOptions run;
  run.runner.artifact_root = workspace.artifact_root;
  run.runner.bin_dir = workspace.bin_dir;
  run.jobs = options.jobs;
  run.only = options.faults;
  run.hang_factor = options.hang_factor;
  run.progress = [](const std::string& line) { std::cerr << line << "\n" << std::flush; };
  std::cerr << fmt::format(
      "canary teeth --harness-faults: {} canar{} on harness {} ({}), {} at once\n", specs.size(),
      specs.size() == 1 ? "y" : "ies", profile->profile->name, profile->profile->path, run.jobs);
  if (run.hang_factor > 0) {
    std::cerr << fmt::format(
        "faulty runs time out after {}x the canary's baseline duration (at least 5 s)\n",
        run.hang_factor);
  }
  const HarnessFaultReport report = harness_teeth(specs, *profile->profile, run);

  if (options.json) {
    nlohmann::ordered_json json;
    json["profile"] = report.profile;
    json["error"] = report.error ? nlohmann::ordered_json(*report.error) : nlohmann::ordered_json();
    json["baseline"] = nlohmann::ordered_json::array();
    for (const auto& b : report.baseline) json["baseline"].push_back(outcome_json(b));
    json["faults"] = nlohmann::ordered_json::array();
    for (const auto& f : report.faults) {
      nlohmann::ordered_json item = {{"fault", f.fault.name},
                                     {"effect", f.fault.effect},
                                     {"caught", f.caught()},
                                     {"caught_by", f.caught_by()},
                                     {"caught_by_verdict", f.caught_by_verdict()},
                                     {"only_hang_timeouts", f.only_hang_timeouts()}};
      item["runs"] = nlohmann::ordered_json::array();
      for (const auto& r : f.runs) item["runs"].push_back(outcome_json(r));
      json["faults"].push_back(item);
    }
    json["caught"] = report.caught();
    json["caught_by_verdict"] = report.caught_by_verdict();
    json["caught_by_tool_error"] = report.caught() - report.caught_by_verdict();
    json["only_hang_timeouts"] = report.only_hang_timeouts();
    json["total"] = report.faults.size();
    std::cout << json.dump(2) << "\n";
  } else if (!report.error) {
    std::cout << fmt::format("baseline: {} canaries PASS without a fault\n",
                             report.baseline.size());
    std::size_t width = 5;
    for (const auto& f : report.faults) width = std::max(width, f.fault.name.size());
    std::cout << fmt::format("{:<{}}  {:<10}  caught by\n", "fault", width, "how");
    for (const auto& f : report.faults) {
      std::string by;
      for (const auto& run_of : f.runs) {
        if (run_of.outcome == Outcome::pass) continue;
        by += fmt::format("{}{} ({}{})", by.empty() ? "" : ", ", run_of.canary,
                          to_string(run_of.outcome), run_of.hang_timeout ? ", hang-factor" : "");
      }
      const char* how = !f.caught()              ? "-"
                        : f.caught_by_verdict()  ? "verdict"
                        : f.only_hang_timeouts() ? "hang-only"
                                                 : "tool error";
      std::cout << fmt::format(
          "{:<{}}  {:<10}  {}\n", f.fault.name, width, how,
          by.empty() ? "SURVIVED: every canary passed (" + f.fault.effect + ")" : by);
    }
    const std::size_t total = report.faults.size();
    const std::size_t caught = report.caught();
    const std::size_t hang_only = report.only_hang_timeouts();
    std::cout << fmt::format(
        "harness mutation score: {}/{} faults caught ({}%): {} by a verdict, {} by a tool error{}\n",
        caught, total, total == 0 ? 0 : caught * 100 / total, report.caught_by_verdict(),
        caught - report.caught_by_verdict(),
        hang_only == 0 ? std::string()
                       : fmt::format(" ({} only by --hang-factor timeouts)", hang_only));
  }
  if (report.error) {
    std::cerr << "canary teeth: error: " << *report.error << "\n";
    return to_int(report.baseline.empty() ? ExitCode::usage_error : ExitCode::tool_error);
  }
  return to_int(report.ok() ? ExitCode::ok : ExitCode::canary_failed);
}

int run_teeth(const TeethOptions& options) {
  if (options.harness_faults) return run_harness_faults(options);
  if (!options.profile.empty() || !options.faults.empty() || !options.artifact_root.empty()) {
    std::cerr << "canary teeth: --profile, --fault and --artifact-root go with --harness-faults\n";
    return to_int(ExitCode::usage_error);
  }
  const Suite suite = load_and_report(default_workspace(), options.paths);
  const auto specs = select(suite, "");
  bool survivors = false;
  bool errors = !suite.ok();
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const CanarySpec* spec : specs) {
    const TeethReport report = teeth(*spec);
    survivors = survivors || report.count(Fate::survived) > 0;
    errors = errors || report.error.has_value();
    if (options.json) {
      json.push_back(to_json(report));
    } else {
      print_text(report);
    }
  }
  if (options.json) std::cout << json.dump(2) << "\n";
  return suite_exit_code(errors, specs.size(), "canary teeth: no canary selected",
                         survivors ? ExitCode::canary_failed : ExitCode::ok);
}

}  // namespace

Action add_teeth(CLI::App& app) {
  auto options = std::make_shared<TeethOptions>();
  add_paths_option(app, options->paths);
  app.add_flag("--json", options->json, "Print JSON instead of text");
  app.add_flag("--harness-faults", options->harness_faults,
               "Run the canaries against the harness with each of its faults injected and print "
               "the harness mutation score");
  app.add_option("-p,--profile", options->profile,
                 "With --harness-faults: the harness profile, by name or path (default: the "
                 "canaries' own)");
  app.add_option("--fault", options->faults,
                 "With --harness-faults: only this fault; repeat for more (default: every fault "
                 "the profile lists)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("-j,--jobs", options->jobs, "With --harness-faults: canary runs at once")
      ->check(CLI::Range(1, 16));
  app.add_option("--hang-factor", options->hang_factor,
                 "With --harness-faults: a faulty run times out after X times the canary's "
                 "baseline duration (at least 5 s, at most the spec's timeout); default 0: the "
                 "spec's timeout")
      ->check(CLI::Range(0.0, 1000.0));
  app.add_option("--artifact-root", options->artifact_root,
                 "With --harness-faults: where run directories go (default: "
                 "$CANARY_ARTIFACT_ROOT or build/artifacts)");
  app.footer(
      "For each canary, builds the run that satisfies its spec and every single-point lie about\n"
      "it (a tier, test, flag, exit code or level changed); the spec must reject each one.\n"
      "A survivor is a lie the spec accepts; an equivalent mutant changes a point the spec\n"
      "does not constrain and is not counted.\n"
      "Exit codes: 0 no survivor, 1 a mutant survives, 2 spec errors, 4 nothing selected.\n"
      "\n"
      "--harness-faults runs the canaries for real: first without a fault (every canary must\n"
      "PASS, else there is no score: exit 3), then once per fault the profile's `faults.list`\n"
      "names, injected through its `faults.args`/`faults.env`. A fault is caught when at least\n"
      "one canary is not PASS (MISMATCH, XPASS or TOOL_ERROR); faulty runs are not retried.\n"
      "Prints which canaries caught each fault and the harness mutation score.\n"
      "Exit codes: 0 every fault caught, 1 a fault survives, 2 spec or profile error,\n"
      "3 the baseline failed, 4 nothing selected.");
  return [options] { return run_teeth(*options); };
}

}  // namespace canary::cli
