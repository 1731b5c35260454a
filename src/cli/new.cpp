// canary new: the next canary, written from a run the user is looking at (or a scaffold).
#include "commands.hpp"
#include "new_spec.hpp"

#include <canary/exit_codes.hpp>
#include <canary/results_parser.hpp>
#include <canary/run_record.hpp>
#include <canary/spec_loader.hpp>
#include <canary/teeth.hpp>
#include "workspace/workspace.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

namespace canary::cli {
namespace {
namespace fs = std::filesystem;

struct NewOptions {
  std::string from;
  std::string results = "results.json";
  std::string id;
  std::optional<int> exit_code;
  std::string recipe;
  std::string sha;
  std::string expect;
  std::string output;
  bool force = false;
};

// Control bytes of a user's path are not to reach the header comment as they are.
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

std::optional<std::string> normal_sha(std::string sha) {
  const bool hex = sha.size() == 40 && std::all_of(sha.begin(), sha.end(), [](char c) {
                     return std::isxdigit(static_cast<unsigned char>(c));
                   });
  if (!hex) return std::nullopt;
  std::transform(sha.begin(), sha.end(), sha.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return sha;
}

// Ends the command: main prints "canary new: <message>" and exits with `code`.
int fail(const std::string& message, ExitCode code) { throw Error(code, message); }

// Writes `text` to `path`, never over an existing file unless `force`.
int write_output(const NewOptions& options, const std::string& text) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (options.force ? O_TRUNC : O_EXCL);
  const int fd = ::open(options.output.c_str(), flags, 0644);
  if (fd < 0 && errno == EEXIST) {
    return fail(options.output + " exists; give --force to overwrite it", ExitCode::usage_error);
  }
  if (fd < 0) return fail("cannot write " + options.output + ": " + std::strerror(errno),
                          ExitCode::usage_error);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      return fail("cannot write " + options.output + ": " + std::strerror(error),
                  ExitCode::usage_error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return fail("cannot write " + options.output, ExitCode::usage_error);
  std::cerr << "canary new: wrote " << options.output << " (check it: canary lint "
            << options.output << ")\n";
  return to_int(ExitCode::ok);
}

// The spec must load as canary lint loads it, and judge the run it came from as PASS.
int check_and_emit(const NewOptions& options, const std::string& yaml,
                   const std::optional<RunResult>& run) {
  LoadOptions load;
  const Workspace workspace = default_workspace();
  const ProfileFile profile = find_profile(workspace, workspace.default_profile);
  if (profile.ok()) load.extra_tiers = profile.profile->tiers;
  const SpecFile file =
      load_spec(options.output.empty() ? "<canary new>" : options.output, yaml, load);
  if (!file.ok()) {
    std::cerr << yaml;
    for (const Diagnostic& d : file.diagnostics) std::cerr << format(d) << "\n";
    return fail("the spec written from this run does not lint (see above)", ExitCode::usage_error);
  }
  if (run) {
    const Verdict verdict = evaluate(*file.spec, *run);
    if (verdict.outcome != Outcome::pass) {
      for (const Finding& f : verdict.findings) std::cerr << format(f) << "\n";
      return fail("the spec written does not pass on the run it came from (a bug in canary new)",
                  ExitCode::tool_error);
    }
  }
  std::string text = yaml;
  const TeethReport report = teeth(*file.spec);
  if (report.error) text += "# teeth: " + *report.error + "\n";
  for (const MutantOutcome& mutant : report.mutants) {
    if (mutant.fate != Fate::survived) continue;
    text += "# teeth: mutant survives (a lie this spec accepts): " + mutant.description + "\n";
  }
  if (options.output.empty()) {
    std::cout << text;
    return to_int(ExitCode::ok);
  }
  return write_output(options, text);
}

int new_from_run(const NewOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.from, ec)) {
    return fail(options.from + ": not a directory", ExitCode::usage_error);
  }
  ParsedResults parsed = parse_results_file((fs::path(options.from) / options.results).string());
  if (!parsed.ok()) return fail(parsed.error, ExitCode::tool_error);
  RunResult result = std::move(parsed.result);

  NewSpecInput input;
  std::string exit_from = "given with --exit-code";
  std::optional<RunRecord> record;
  const fs::path record_path = fs::path(options.from) / kRunRecordFile;
  if (fs::exists(record_path, ec)) {
    ParsedRecord read = read_record_file(record_path.string());
    if (!read.ok()) return fail(read.error, ExitCode::tool_error);
    record = std::move(read.record);
  }
  if (options.exit_code) {
    result.exit_code = options.exit_code;
  } else if (record) {
    if (!record->exit_code) {
      return fail("the recorded run did not exit on its own (" +
                      record->signal.value_or(record->timed_out ? "timed out" : "no exit code") +
                      "): nothing to pin",
                  ExitCode::tool_error);
    }
    result.exit_code = record->exit_code;
    exit_from = "from " + std::string(kRunRecordFile);
  } else {
    result.exit_code = derived_exit_code(result);
    result.exit_code_derived = true;
    exit_from = "derived by the cc-ci rule; give --exit-code to pin the harness's";
  }
  const auto sha = normal_sha(result.ref);
  if (!sha) {
    return fail("the results' ref '" + printable(result.ref.substr(0, 60)) +
                    "' is not a 40-hex SHA: pin the canary by hand (canary new --recipe --sha)",
                ExitCode::usage_error);
  }
  input.recipe = result.recipe;
  input.sha = *sha;
  input.red = *result.exit_code != 0;
  if (!result.exit_code_derived) input.exit_code = result.exit_code;
  input.id = !options.id.empty() ? options.id
             : record           ? record->canary
                                : id_from(result.recipe) + (input.red ? "-red" : "-green");
  input.source = "from " + printable(options.from) + "\n# (run " + printable(result.run_id) +
                 ", exit code " + std::to_string(*result.exit_code) + " " + exit_from + ")";
  const NewSpec spec = spec_from_run(input, result);
  if (!spec.error.empty()) return fail(spec.error, ExitCode::usage_error);
  return check_and_emit(options, spec.yaml, result);
}

int run_new(const NewOptions& options) {
  if (!options.from.empty()) {
    if (!options.recipe.empty() || !options.sha.empty() || !options.expect.empty()) {
      return fail("--from takes recipe, sha and verdict from the run: drop --recipe, --sha and "
                  "--expect", ExitCode::usage_error);
    }
    return new_from_run(options);
  }
  if (options.recipe.empty() || options.sha.empty() || options.expect.empty()) {
    return fail("give --from ARTIFACT_DIR, or --recipe, --sha and --expect green|red",
                ExitCode::usage_error);
  }
  const auto sha = normal_sha(options.sha);
  if (!sha) return fail("--sha must be 40 hex digits", ExitCode::usage_error);
  NewSpecInput input;
  input.recipe = options.recipe;
  input.sha = *sha;
  input.red = options.expect == "red";
  input.id = options.id.empty() ? id_from(options.recipe) + (input.red ? "-red" : "-green")
                                : options.id;
  input.source = "as a scaffold (no run)";
  return check_and_emit(options, scaffold_spec(input), std::nullopt);
}

}  // namespace

Action add_new(CLI::App& app) {
  auto options = std::make_shared<NewOptions>();
  app.add_option("--from", options->from,
                 "Artifact dir of a run (results.json, and canary-run.json when Canary ran it)");
  app.add_option("--results", options->results, "Results file name inside the dir")
      ->capture_default_str();
  app.add_option("--id", options->id,
                 "Canary id (default: the record's, else <recipe>-green or <recipe>-red)");
  app.add_option("--exit-code", options->exit_code,
                 "The harness's exit code (default: the record's, else derived from the tiers)")
      ->check(CLI::Range(0, 255));
  app.add_option("--recipe", options->recipe, "Without --from: the recipe to pin");
  app.add_option("--sha", options->sha, "Without --from: the 40-hex SHA to pin it at");
  app.add_option("--expect", options->expect, "Without --from: the verdict, green or red")
      ->check(CLI::IsMember({"green", "red"}));
  app.add_option("-o,--output", options->output, "Write the spec to FILE (default: stdout only)");
  app.add_flag("--force", options->force, "With -o: overwrite FILE if it exists");
  app.footer(
      "From a run: the recipe and sha come from results.json (`ref`), the verdict from the exit\n"
      "code; red pins the tiers up to the first failing one and its failing tests, green every\n"
      "tier and one passing test each. The spec is linted, judged against the run (PASS) and\n"
      "teeth-checked; surviving mutants are printed as comments.\n"
      "Exit codes: 0 written, 2 usage error or no spec to pin, 3 unreadable artifacts.");
  return [options] { return run_new(*options); };
}

}  // namespace canary::cli
