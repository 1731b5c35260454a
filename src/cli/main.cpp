// canary: lint, list, verify and run regression canaries for CI servers.
#include "commands.hpp"
#include "run_output.hpp"

#include <canary/exit_codes.hpp>
#include <canary/version.hpp>

#include <algorithm>
#include <iostream>
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

  std::map<CLI::App*, canary::cli::Action> actions;
  auto add = [&](const char* name, const char* about, auto registrar) {
    CLI::App* sub = app.add_subcommand(name, about);
    actions[sub] = registrar(*sub);
  };
  add("lint", "Check canary specs; every error as path:line:col", canary::cli::add_lint);
  add("list", "List canaries, optionally by label", canary::cli::add_list);
  add("verify", "Re-judge recorded runs cold, without running anything", canary::cli::add_verify);
  add("run", "Run canaries on their harness outside CTest", canary::cli::add_run);
  add("teeth", "Check that each spec rejects every single-point lie about its run",
      canary::cli::add_teeth);
  add("report", "Markdown, HTML and JUnit reports of recorded runs", canary::cli::add_report);
  add("new", "Write a canary spec from a recorded run, or scaffold one", canary::cli::add_new);

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
