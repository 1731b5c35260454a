#include "commands.hpp"
#include "suite_view.hpp"

#include <canary/exit_codes.hpp>
#include <canary/teeth.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace canary::cli {
namespace {

struct TeethOptions {
  std::vector<std::string> paths;
  bool json = false;
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

int run_teeth(const TeethOptions& options) {
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
  if (errors) return to_int(ExitCode::usage_error);
  if (specs.empty()) {
    std::cerr << "canary teeth: no canary selected\n";
    return to_int(ExitCode::nothing_selected);
  }
  return to_int(survivors ? ExitCode::canary_failed : ExitCode::ok);
}

}  // namespace

Action add_teeth(CLI::App& app) {
  auto options = std::make_shared<TeethOptions>();
  app.add_option("paths", options->paths, "Canary files or directories (default: canaries/)");
  app.add_flag("--json", options->json, "Print a JSON array instead of text");
  app.footer(
      "For each canary, builds the run that satisfies its spec and every single-point lie about\n"
      "it (a tier, test, flag, exit code or level changed); the spec must reject each one.\n"
      "A survivor is a lie the spec accepts; an equivalent mutant changes a point the spec\n"
      "does not constrain and is not counted.\n"
      "Exit codes: 0 no survivor, 1 a mutant survives, 2 spec errors, 4 nothing selected.");
  return [options] { return run_teeth(*options); };
}

}  // namespace canary::cli
