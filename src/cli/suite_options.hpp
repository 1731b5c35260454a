#pragma once
// The options by which a subcommand names the spec files it loads (see suite_selection.hpp).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace canary::cli {

// The positional `paths`: canary files or directories (default: the workspace's canaries/).
void add_paths_option(CLI::App& app, std::vector<std::string>& paths);

// `--canaries PATH`, repeatable, for a subcommand whose positionals are something else.
void add_canaries_option(CLI::App& app, std::vector<std::string>& paths,
                         const std::string& description);

}  // namespace canary::cli
