// canary: lint, list, verify and run regression canaries for CI servers.
#include "commands.hpp"
#include "run_output.hpp"

#include <canary/exit_codes.hpp>
#include <canary/version.hpp>

#include <algorithm>
#include <iterator>
#include <iostream>
#include <string_view>
#include <map>

int main(int argc, char** argv) {
  using canary::ExitCode;
  CLI::App app{
      "canary: regression canaries for CI servers.\n"
      "A canary pins a recipe at a git SHA whose right verdict is known, runs the real harness on\n"
      "it and fails when the harness reports anything else.\n\n"
      "Exit codes: 0 all good, 1 a canary failed (MISMATCH or XPASS), 2 spec or usage error,\n"
      "3 tool error (harness did not complete, artifacts unreadable), 4 nothing selected.",
      "canary"};
  app.require_subcommand(1);
  app.set_version_flag("--version", CANARY_VERSION_STRING);

  struct Command {
    const char* name;
    const char* about;
    canary::cli::Action (*registrar)(CLI::App&);
  };
  static constexpr Command kCommands[] = {
      {"lint", "Check canary specs; every error as path:line:col", canary::cli::add_lint},
      {"list", "List canaries, optionally by label", canary::cli::add_list},
      {"verify", "Re-judge recorded runs cold, without running anything", canary::cli::add_verify},
      {"run", "Run canaries on their harness outside CTest", canary::cli::add_run},
      {"teeth", "Check that each spec rejects every single-point lie about its run",
       canary::cli::add_teeth},
      {"report", "Markdown, HTML and JUnit reports of recorded runs", canary::cli::add_report},
      {"new", "Write a canary spec from a recorded run, or scaffold one", canary::cli::add_new},
  };
  // CLI11 only ever looks at another subcommand when an argument is its name. So when the first
  // argument names one and no later argument names any, registering that one alone parses (and
  // helps, and fails) exactly as registering all of them would, for a fraction of the work.
  auto is_command = [](std::string_view arg) {
    return std::any_of(std::begin(kCommands), std::end(kCommands),
                       [arg](const Command& c) { return arg == c.name; });
  };
  const bool only_first = argc >= 2 && is_command(argv[1]) &&
                          std::none_of(argv + 2, argv + argc, is_command);
  std::map<CLI::App*, canary::cli::Action> actions;
  for (const Command& command : kCommands) {
    if (only_first && std::string_view(argv[1]) != command.name) continue;
    CLI::App* sub = app.add_subcommand(command.name, command.about);
    actions[sub] = command.registrar(*sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // Under `git bisect run`, a usage error must abort the bisection (128), not mark a commit bad.
    const bool bisect = std::find(argv, argv + argc, std::string_view("--bisect")) != argv + argc;
    if (code != 0 && bisect) return 128;
    return code == 0 ? canary::to_int(ExitCode::ok) : canary::to_int(ExitCode::usage_error);
  }
  for (CLI::App* sub : app.get_subcommands()) {
    try {
      return actions.at(sub)();
    } catch (const canary::Error& e) {
      // A command ends with a canary::Error when it cannot go on; the error knows its code.
      std::cerr << "canary " << sub->get_name() << ": " << e.what() << "\n";
      const int code = canary::to_int(e.code());
      return std::find(argv, argv + argc, std::string_view("--bisect")) != argv + argc
                 ? canary::cli::bisect_exit_code(code)
                 : code;
    }
  }
  return canary::to_int(ExitCode::usage_error);
}
