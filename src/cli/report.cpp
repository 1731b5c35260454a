#include "commands.hpp"
#include "secret_sources.hpp"

#include <canary/exit_codes.hpp>
#include <canary/report.hpp>
#include <canary/safe_file.hpp>
#include <canary/printable.hpp>
#include <canary/secrets.hpp>
#include "workspace/workspace.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

namespace canary::cli {
namespace {

namespace fs = std::filesystem;

struct ReportCliOptions {
  std::vector<std::string> dirs;
  bool merge = false;
  std::string markdown;
  std::string html;
  std::string junit;
  bool no_timings = false;
  std::size_t log_lines = 40;
};

// Writes atomically (temp file + rename), or to stdout for "-". Returns an error or "".
std::string write_output(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? "" : "cannot write to stdout";
  }
  // Reports are often written into the artifact root: no planted symlink redirects them.
  const fs::path target = fs::absolute(path);
  std::string error;
  const DirHandle dir = DirHandle::open(target.parent_path().string(), &error);
  if (!dir.valid()) return "cannot write " + path + ": " + error;
  return write_file_at(dir, target.parent_path().string(), target.filename().string(), text);
}

void mask_entry(ReportEntry& entry, const SecretMask& mask) {
  for (std::string* text : {&entry.canary, &entry.outcome, &entry.expect, &entry.signal,
                            &entry.started, &entry.run_id, &entry.note, &entry.dir}) {
    *text = mask.apply(*text);
  }
  for (ReportTier& tier : entry.tiers) {
    tier.tier = mask.apply(tier.tier);
    if (tier.actual) tier.actual = mask.apply(*tier.actual);
    if (tier.expected) tier.expected = mask.apply(*tier.expected);
  }
  mask_findings(entry.findings, mask);
}

int run_report(const ReportCliOptions& cli) {
  std::vector<ReportNight> nights;
  std::vector<std::string> broken;
  std::vector<std::vector<std::string>> groups;
  if (cli.merge) {
    groups.push_back(cli.dirs);
  } else {
    for (const std::string& dir : cli.dirs) groups.push_back({dir});
  }
  for (const auto& roots : groups) {
    LoadedNight loaded = load_night(roots);
    if (!loaded.ok()) {
      std::cerr << "canary report: " << loaded.error << "\n";
      return to_int(ExitCode::tool_error);
    }
    broken.insert(broken.end(), loaded.broken.begin(), loaded.broken.end());
    nights.push_back(std::move(loaded.night));
  }

  // The secrets of every profile the records name are masked in log tails and in every output.
  const Workspace workspace = default_workspace();
  SecretSources secrets(workspace);
  for (const ReportNight& night : nights) {
    for (const ReportEntry& entry : night.entries) {
      secrets.add(entry.secret_names, {entry.profile_path, entry.profile});
    }
  }
  const SecretMask mask = secrets.mask();
  std::cerr << secrets.warning("canary report");
  // Masked before any renderer cuts, quotes or escapes a byte of it.
  for (ReportNight& night : nights) {
    for (ReportEntry& entry : night.entries) mask_entry(entry, mask);
  }

  ReportOptions options;
  if (!mask.empty()) options.mask = [&mask](std::string_view text) { return mask.apply(text); };
  options.timings = !cli.no_timings;
  options.log_tail_lines = cli.log_lines;
  std::vector<std::pair<std::string, std::string>> outputs;  // path, text
  const bool none = cli.markdown.empty() && cli.html.empty() && cli.junit.empty();
  if (!cli.markdown.empty() || none) {
    outputs.emplace_back(none ? "-" : cli.markdown, render_markdown(nights, options));
  }
  if (!cli.html.empty()) {
    options.html_dir = cli.html == "-" ? "" : fs::absolute(cli.html).parent_path().string();
    outputs.emplace_back(cli.html, render_html(nights, options));
  }
  if (!cli.junit.empty()) outputs.emplace_back(cli.junit, render_junit(nights.back(), options));
  for (const auto& [path, text] : outputs) {
    if (const std::string error = write_output(path, mask.apply(text)); !error.empty()) {
      std::cerr << "canary report: " << error << "\n";
      return to_int(ExitCode::tool_error);
    }
  }
  for (const std::string& error : broken) {
    std::cerr << "canary report: " << terminal_safe(mask.apply(error)) << "\n";
  }
  // A record the index does not vouch for is an alarm, as a failed canary is for `canary run`.
  for (const ReportNight& night : nights) {
    for (const ReportEntry& entry : night.entries) {
      if (entry.untrusted) return to_int(ExitCode::canary_failed);
    }
  }
  return to_int(broken.empty() ? ExitCode::ok : ExitCode::tool_error);
}

}  // namespace

Action add_report(CLI::App& app) {
  auto options = std::make_shared<ReportCliOptions>();
  app.add_option("DIR", options->dirs,
                 "Artifact roots, searched recursively for canary-run.json: one per night, "
                 "oldest first (the matrix shows the last); with --merge, shards of one run")
      ->required();
  app.add_flag("--merge", options->merge,
               "The DIRs are shards of ONE run: join their records into one report");
  app.add_option("--markdown", options->markdown, "Write Markdown (CI comments) to PATH ('-': stdout)")
      ->type_name("PATH");
  app.add_option("--html", options->html,
                 "Write a self-contained HTML report to PATH ('-': stdout); artifact links are "
                 "relative to PATH's directory")
      ->type_name("PATH");
  app.add_option("--junit", options->junit, "Write JUnit XML, one testcase per canary, to PATH ('-': stdout)")
      ->type_name("PATH");
  app.add_flag("--no-timings", options->no_timings,
               "Leave out durations and dates, so reports of different runs compare equal");
  app.add_option("--log-lines", options->log_lines, "Lines of each harness log tail in the HTML")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  app.footer(
      "With no --markdown, --html or --junit, Markdown goes to stdout. Of several attempts of a\n"
      "canary, the last one carries the verdict. A report is written whatever the canaries did.\n"
      "Exit codes: 0 written, 2 usage error, 3 a DIR unreadable or without any canary-run.json,\n"
      "or an output that cannot be written.");
  return [options] { return run_report(*options); };
}

}  // namespace canary::cli
