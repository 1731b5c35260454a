#include "annotate.hpp"
#include "commands.hpp"
#include "secret_sources.hpp"
#include "suite_options.hpp"
#include "suite_selection.hpp"
#include "verify_latest.hpp"

#include <canary/exit_codes.hpp>
#include "model/parallel.hpp"
#include <canary/junit_results.hpp>
#include <canary/printable.hpp>
#include <canary/run_index.hpp>
#include <canary/run_record.hpp>
#include <canary/secrets.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <tuple>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace canary::cli {
namespace {
namespace fs = std::filesystem;

struct VerifyOptions {
  std::vector<std::string> canaries;
  std::string canary;
  std::optional<int> exit_code;
  std::string results = "results.json";
  bool json = false;
  bool latest = false;
  std::string newer_than;
  bool table = false;
  std::vector<std::string> dirs;
  std::string annotate;
};

enum class ExitSource { none, record, option, derived };

// The words after "exit code N" in the text output, and the key in --json.
std::string_view describe(ExitSource source) {
  switch (source) {
    case ExitSource::record: return "from canary-run.json";
    case ExitSource::option: return "from --exit-code";
    case ExitSource::derived: return "derived by the cc-ci rule";
    case ExitSource::none: break;
  }
  return "";
}
std::string_view key(ExitSource source) {
  switch (source) {
    case ExitSource::record: return "record";
    case ExitSource::option: return "option";
    case ExitSource::derived: return "derived";
    case ExitSource::none: break;
  }
  return "none";
}

// One artifact dir, judged cold.
struct Judgement {
  std::string dir;
  std::string canary;
  std::string usage_error;  // the dir could not be judged at all (exit 2)
  Verdict verdict;
  std::vector<TierCell> cells;
  std::string expect;
  std::optional<int> exit_code;
  ExitSource exit_source = ExitSource::none;
  std::vector<std::string> notes;
  SecretMask mask;  // of this run's secrets, applied as results are read and to every output
};

// Whether each canary's profile requires identity, resolved before dirs are judged in parallel.
using IdentityRules = std::map<std::string, bool>;

// Why a recorded run did not end on its own, as run called it; "" when it did.
std::string unfinished(const RunRecord& record) {
  if (record.interrupted) return "Canary was interrupted by " + *record.interrupted;
  if (record.timed_out) return "the harness timed out";
  if (record.signal) return "the harness was killed by " + *record.signal;
  return "";
}

// What Canary saw of the run, as the record and the artifact dir still say.
Observed observed_from(const std::optional<RunRecord>& record, const fs::path& results,
                       bool identity_required) {
  Observed seen;
  seen.results_name = results.filename().string();
  seen.identity_required = identity_required;
  struct stat info {};
  if (::lstat(results.c_str(), &info) == 0) {
    seen.results_mtime_ms =
        std::int64_t{info.st_mtim.tv_sec} * 1000 + info.st_mtim.tv_nsec / 1000000;
  }
  if (!record) return seen;
  seen.run_id = record->run_id;
  seen.started_ms = parse_iso_utc_ms(record->started);
  seen.strays = record->strays;
  seen.stray_commands = record->stray_commands;
  return seen;
}

// The JUnit tiers of each canary whose profile reads JUnit XML instead of results.json.
using JunitProfiles = std::map<std::string, std::vector<JunitTierFile>>;

JunitProfiles junit_profiles(const std::map<std::string, const CanarySpec*>& specs,
                             const Workspace& workspace) {
  JunitProfiles out;
  for (const auto& [id, spec] : specs) {
    const ProfileFile& profile = profile_for(workspace, *spec);
    if (profile.ok() && !profile.profile->junit_tiers.empty())
      out.emplace(id, profile.profile->junit_tiers);
  }
  return out;
}

Judgement judge_dir(const std::string& dir, const VerifyOptions& options,
                    const std::map<std::string, const CanarySpec*>& specs,
                    const IdentityRules& identity, const JunitProfiles& junit,
                    SecretSources& secrets) {
  Judgement j;
  j.dir = dir;
  std::optional<RunRecord> record;
  bool record_exit_code = false;
  std::vector<std::string> missing;
  const fs::path record_path = fs::path(dir) / kRunRecordFile;
  if (!fs::is_directory(dir)) {
    j.usage_error = "not a directory";
    return j;
  }
  Trust trust = Trust::unindexed;
  if (fs::exists(fs::symlink_status(record_path))) {
    ParsedRecord parsed = read_record_for_verdict(record_path.string());
    if (!parsed.ok()) {
      j.canary = options.canary;
      j.verdict = {Outcome::tool_error, {{"record", "a readable canary-run.json", parsed.error}}};
      return j;
    }
    trust = nearest_index_trust(record_path.string(), parsed.sha256);
    if (trust == Trust::tampered || (options.latest && trust != Trust::trusted)) {
      j.canary = !options.canary.empty() ? options.canary : parsed.record.canary;
      j.verdict = {Outcome::untrusted, {{"record", "a canary-run.json Canary wrote",
                                         std::string(describe(trust))}}};
      return j;
    }
    record = std::move(parsed.record);
    record_exit_code = parsed.has_exit_code;
    missing = std::move(parsed.missing);
  }
  j.canary = !options.canary.empty() ? options.canary : record ? record->canary : "";
  if (!record && options.latest) {  // only the index names this run
    j.verdict = {Outcome::tool_error, {{"record", "a canary-run.json Canary wrote",
                                        "none: Canary started this run and never finished it"}}};
    return j;
  }
  if (j.canary.empty()) {
    j.usage_error = "no canary-run.json here: name the canary with --canary ID";
    return j;
  }
  const auto spec = specs.find(j.canary);
  if (spec == specs.end()) {
    j.usage_error = "no canary '" + j.canary + "' in the loaded specs (see --canaries)";
    return j;
  }

  // Known before the results are read, so a secret is masked before any message cuts it.
  j.mask = secrets.add(record ? record->secret_names : std::vector<std::string>{},
                       {record ? record->profile_path : "", record ? record->profile : ""},
                       spec->second);
  const fs::path results_path = fs::path(dir) / options.results;
  const auto tiers = junit.find(j.canary);
  ParsedResults parsed = read_results_for(dir, results_path.string(),
                                          tiers == junit.end() ? std::vector<JunitTierFile>{}
                                                               : tiers->second,
                                          j.mask);
  RunResult result = std::move(parsed.result);
  if (!parsed.ok()) result.tool_error = parsed.error;
  const auto rule = identity.find(j.canary);
  result.observed = observed_from(record, results_path, rule != identity.end() && rule->second);
  if (record && record_exit_code) {
    j.exit_source = ExitSource::record;
    result.exit_code = record->exit_code;
    // As `canary run` judged it: a run that did not end on its own is a tool error, whatever
    // exit code was recorded beside it.
    std::string why = unfinished(*record);
    if (why.empty() && !record->exit_code) why = "no exit code";
    if (!why.empty() && !result.tool_error) {
      result.tool_error = "the recorded harness run did not exit on its own (" + why + ")";
    }
  } else if (record && !unfinished(*record).empty()) {
    result.tool_error =
        "the recorded harness run did not exit on its own (" + unfinished(*record) + ")";
  } else if (options.exit_code) {
    j.exit_source = ExitSource::option;
    result.exit_code = options.exit_code;
  } else if (!result.tool_error) {
    j.exit_source = ExitSource::derived;
    result.exit_code = derived_exit_code(result);
    result.exit_code_derived = true;
  }
  j.exit_code = result.exit_code;
  j.verdict = evaluate(*spec->second, result);
  // A record Canary vouches for: its matrix as recorded, as `canary report` shows it.
  RunMatrix matrix = record && trust == Trust::trusted
                         ? recorded_matrix(*record, dir)
                         : RunMatrix{expectation_summary(*spec->second),
                                     tier_cells(*spec->second, result)};
  j.cells = std::move(matrix.cells);
  j.expect = std::move(matrix.expect);

  if (!missing.empty()) {
    std::string keys;
    for (const std::string& key : missing) keys += (keys.empty() ? "" : ", ") + key;
    j.notes.push_back("the record has no " + keys + ": judged without them");
  }
  if (record && trust != Trust::trusted) {
    j.notes.push_back("unindexed record: outcome re-derived from the results");
  } else if (record && record->outcome != j.verdict.outcome) {
    j.notes.push_back(fmt::format("recorded outcome was {}", to_string(record->outcome)));
  }
  if (record && !record->spec_hash.empty() && record->spec_hash != spec->second->hash) {
    j.notes.push_back("the spec changed since this run was recorded");
  }
  return j;
}

// Every dir judged, in argument order. Each dir is independent (file reads, parsing, a pure
// evaluator), so big batches use up to 4 threads; an exception in one is rethrown here.
std::vector<Judgement> judge_all(const std::vector<std::string>& dirs, const VerifyOptions& options,
                                 const std::map<std::string, const CanarySpec*>& specs,
                                 const IdentityRules& identity, const JunitProfiles& junit,
                                 SecretSources& secrets) {
  std::vector<Judgement> out(dirs.size());
  parallel_for(dirs.size(), threads_for(dirs.size(), 128, 4), [&](std::size_t i) {
    out[i] = judge_dir(dirs[i], options, specs, identity, junit, secrets);
  });
  return out;
}

// What the verdict took from the record or the results may hold the run's secrets: mask them.
void mask_secrets(Judgement& j) {
  mask_findings(j.verdict.findings, j.mask);
  for (std::string& note : j.notes) note = j.mask.apply(note);
  for (TierCell& cell : j.cells) cell.tier = j.mask.apply(cell.tier);
}

int exit_code_for(const std::vector<Judgement>& judgements) {
  std::vector<ExitCode> codes;
  for (const Judgement& j : judgements) {
    codes.push_back(j.usage_error.empty() ? exit_code_of(j.verdict.outcome) : ExitCode::usage_error);
  }
  return to_int(worst_exit(codes));
}

void print_text(const Judgement& j) {
  if (!j.usage_error.empty()) {
    std::cout << fmt::format("ERROR       {}  {}: {}\n", terminal_safe(j.canary.empty() ? "-" : j.canary),
                             terminal_safe(j.dir), terminal_safe(j.usage_error));
    return;
  }
  std::string exit = j.exit_code
                         ? fmt::format("exit code {} {}", *j.exit_code, describe(j.exit_source))
                         : fmt::format("no exit code {}", describe(j.exit_source));
  if (j.exit_source == ExitSource::none) exit = "results unreadable";
  std::cout << fmt::format("{:<10}  {}  {}  ({})\n", to_string(j.verdict.outcome),
                           terminal_safe(j.canary), terminal_safe(j.dir), exit);
  for (const std::string& note : j.notes) std::cout << "    note: " << terminal_safe(note) << "\n";
  std::cout << findings_text(j.verdict.findings, "    ");
}

nlohmann::ordered_json to_json(const Judgement& j) {
  nlohmann::ordered_json out;
  out["dir"] = j.dir;
  out["canary"] = j.canary;
  if (!j.usage_error.empty()) {
    out["error"] = j.usage_error;
    return out;
  }
  out["outcome"] = to_string(j.verdict.outcome);
  out["exit_code"] = j.exit_code ? nlohmann::ordered_json(*j.exit_code) : nlohmann::ordered_json();
  out["exit_code_source"] = key(j.exit_source);
  out["notes"] = j.notes;
  out["findings"] = nlohmann::ordered_json::array();
  for (const Finding& f : j.verdict.findings) {
    out["findings"].push_back({{"check", f.check}, {"expected", f.expected}, {"actual", f.actual}});
    const SourceLocation& at = f.location;
    if (!at.known()) continue;
    out["findings"].back()["location"] = {
        {"file", at.file}, {"line", at.line}, {"column", at.column}};
  }
  return out;
}

void print_table(const std::vector<Judgement>& judgements) {
  std::vector<TierRow> rows;
  for (const Judgement& j : judgements) {
    if (!j.usage_error.empty()) continue;
    rows.push_back({j.canary, j.expect, std::string(to_string(j.verdict.outcome)), j.cells});
  }
  if (!rows.empty()) std::cout << render_tier_table(rows);
  for (const Judgement& j : judgements) {
    if (!j.usage_error.empty()) {
      std::cout << "\n" << terminal_safe(j.dir) << ": " << terminal_safe(j.usage_error) << "\n";
    } else if (!j.verdict.findings.empty()) {
      std::cout << "\n" << terminal_safe(j.canary) << " (" << to_string(j.verdict.outcome) << ", "
                << terminal_safe(j.dir)
                << "):\n" << findings_text(j.verdict.findings, "  ");
    }
  }
}

int run_verify(const VerifyOptions& options) {
  const Suite suite = load_and_report(default_workspace(), options.canaries);
  std::map<std::string, const CanarySpec*> specs;
  for (const SpecFile& file : suite.files) {
    if (file.ok()) specs[file.spec->id] = &*file.spec;
  }
  std::vector<std::string> dirs = options.dirs;
  if (options.latest) {
    std::string error;
    dirs = latest_runs(options.dirs, options.newer_than, error);
    if (!error.empty()) {
      std::cerr << "canary verify: " << error << "\n";
      return to_int(ExitCode::usage_error);
    }
    if (dirs.empty()) {
      std::cerr << "canary verify: no recorded run found under the given roots\n";
      return to_int(ExitCode::nothing_selected);
    }
  }
  const Workspace workspace = default_workspace();
  IdentityRules identity;
  for (const auto& [id, spec] : specs) {
    const ProfileFile& profile = profile_for(workspace, *spec);
    identity[id] = profile.ok() && profile.profile->identity_required;
  }
  SecretSources secrets(workspace);
  std::vector<Judgement> judgements =
      judge_all(dirs, options, specs, identity, junit_profiles(specs, workspace), secrets);
  for (Judgement& j : judgements) mask_secrets(j);
  std::cerr << secrets.warning("canary verify");

  if (options.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Judgement& j : judgements) out.push_back(to_json(j));
    std::cout << json_printable(out.dump(2, ' ', false,
                                         nlohmann::ordered_json::error_handler_t::replace))
              << "\n";
  } else if (options.table) {
    print_table(judgements);
  } else {
    for (const Judgement& j : judgements) print_text(j);
  }
  if (options.annotate == "github") {
    std::ostream& out = options.json ? std::cerr : std::cout;  // keep stdout one JSON document
    for (const Judgement& j : judgements) {
      const std::string prefix = j.canary + " (" + std::string(to_string(j.verdict.outcome)) +
                                 ", " + j.dir + "): ";
      const auto spec = specs.find(j.canary);
      const std::string file = spec == specs.end() ? "" : spec->second->path;
      if (!j.usage_error.empty()) {
        out << github_command("error", {}, j.dir + ": " + j.usage_error);
        continue;
      }
      for (const Finding& f : j.verdict.findings) out << github_command(f, prefix, file);
    }
  }
  return exit_code_for(judgements);
}

}  // namespace

Action add_verify(CLI::App& app) {
  auto options = std::make_shared<VerifyOptions>();
  add_canaries_option(
      app, options->canaries,
      "Canary file or directory holding the specs; repeat for more (default: canaries/)");
  app.add_option("--canary", options->canary,
                 "Judge every dir as this canary (default: the id in its canary-run.json)");
  app.add_option("--exit-code", options->exit_code,
                 "The harness's exit code, for dirs without canary-run.json "
                 "(default: derived: non-zero iff a tier is fail or error)")
      ->check(CLI::Range(0, 255));
  app.add_option("--results", options->results, "Results file name inside each dir")
      ->capture_default_str();
  app.add_flag("--json", options->json, "Print a JSON array instead of text");
  app.add_flag("--table", options->table,
               "Print the canary x tier table (actual status; 'x (want y)' where it differs)");
  app.add_flag("--latest", options->latest,
               "Treat each argument as an artifact root and judge the newest run of each canary");
  app.add_option("--newer-than", options->newer_than,
                 "With --latest: only runs recorded after FILE was last modified");
  add_annotate_option(app, options->annotate);
  app.add_option("artifact_dirs", options->dirs,
                 "Recorded artifact directories (artifact roots with --latest)")
      ->required();
  app.footer(
      "Nothing is run: each dir's results.json (or the JUnit reports its canary's profile names)\n"
      "is judged against the spec as it is now.\n"
      "Exit codes: 0 all passed, 1 a canary failed, 2 usage or spec error, 3 unreadable artifacts.");
  return [options] { return run_verify(*options); };
}

}  // namespace canary::cli
