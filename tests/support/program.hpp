#pragma once
// Running one of Canary's built programs (or any other) to its end, as the tests of those
// programs do: its stdout and stderr pass through files in a scratch dir and come back as text.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace canary::testing {

// What one run of a program printed; exit_code is -1 when it did not exit on its own.
struct ProgramRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Where the program runs ("" is the current dir), what is added to its environment, and how long
// it may take.
struct ProgramOptions {
  std::string working_dir;
  std::map<std::string, std::string> env;
  std::chrono::seconds timeout{60};
};

// Runs `argv` to its end, its stdout and stderr in <tmp>/stdout and <tmp>/stderr; expects it to
// start and to end before its deadline.
ProgramRun run_program(const std::vector<std::string>& argv, const std::string& tmp,
                       const ProgramOptions& options = {});

}  // namespace canary::testing
