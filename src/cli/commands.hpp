#pragma once
// The subcommands of `canary`; each registers its options and returns what to run.

#include <CLI/CLI.hpp>

#include <functional>

namespace canary::cli {

// Runs the parsed subcommand and returns the process exit code (canary::ExitCode).
using Action = std::function<int()>;

Action add_lint(CLI::App& app);
Action add_list(CLI::App& app);
Action add_verify(CLI::App& app);
Action add_run(CLI::App& app);
Action add_teeth(CLI::App& app);
Action add_report(CLI::App& app);
Action add_new(CLI::App& app);

}  // namespace canary::cli
