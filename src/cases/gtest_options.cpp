#include "gtest_options.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <regex>

namespace canary {
namespace {

struct Parser {
  CLI::App app{"canary-gtest: every canary YAML file as a GoogleTest case", "canary-gtest"};
  std::vector<std::string> dirs;
  std::string shard;
  Workspace* workspace = nullptr;

  Parser(GtestOptions& options) : workspace(&options.workspace) {
    app.set_help_flag("--canary-help", "Print the --canary-* options and exit");
    app.allow_extras();
    app.add_option("--canary-dir", dirs,
                   "Canary YAML file or directory (repeatable; default: the source tree's canaries/)");
    app.add_option("--canary-profile", workspace->default_profile,
                   "Profile for canaries that name no `harness` (name or path)");
    app.add_option("--canary-profile-dir", workspace->profile_dir,
                   "Where `harness: NAME` finds NAME.yaml");
    app.add_option("--canary-artifact-root", workspace->artifact_root,
                   "Directory for the runs' artifact dirs ({artifact_root})");
    app.add_option("--canary-bin", workspace->bin_dir, "{bin} for profiles (default: this program's dir)");
    app.add_option("--canary-retries", options.retries, "Retries after a TOOL_ERROR (overrides the profile)")
        ->check(CLI::Range(0, 10));
    app.add_option("--canary-emit-ctest", options.emit_ctest,
                   "Write a CTest script with one test per canary to FILE and exit");
    app.add_option("--canary-ctest-label", options.ctest_labels, "Extra CTest label for every canary");
    app.add_option("--canary-ctest-prefix", options.ctest_prefix,
                   "Test names PREFIX.<canary>, base label PREFIX (default canary); another prefix\n"
                   "leaves out the canaries' own labels, so the set runs the same canaries on another\n"
                   "profile without joining the canary presets")
        ->check([](const std::string& text) {
          return std::regex_match(text, std::regex("[A-Za-z0-9_]+")) ? "" : "must be [A-Za-z0-9_]+";
        });
    app.add_option("--canary-shard", shard,
                   "With --canary-emit-ctest: only shard I of N (1-based; canaries sorted by id, "
                   "every N-th). Default: $CANARY_SHARD; unset means all");
  }
};

}  // namespace

std::string gtest_options_help() {
  GtestOptions options;
  Parser parser(options);
  return parser.app.help() +
         "\nEvery other argument goes to GoogleTest (try --help for GoogleTest's flags).\n";
}

GtestOptions parse_gtest_options(int argc, char** argv) {
  GtestOptions options;
  options.workspace = default_workspace();
  Parser parser(options);
  try {
    parser.app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    options.help = true;
    return options;
  } catch (const CLI::ParseError& e) {
    options.error = e.what();
    return options;
  }
  if (!parser.dirs.empty()) options.workspace.canary_paths = parser.dirs;
  if (parser.shard.empty()) {
    const char* env = std::getenv("CANARY_SHARD");
    if (env && *env) parser.shard = env;
  }
  if (!parser.shard.empty()) {
    options.shard = parse_shard(parser.shard, options.error);
    if (!options.shard) return options;
  }
  options.gtest_args.push_back(argc > 0 ? argv[0] : "canary-gtest");
  for (const std::string& extra : parser.app.remaining()) options.gtest_args.push_back(extra);
  return options;
}

}  // namespace canary
