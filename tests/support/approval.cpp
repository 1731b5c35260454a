#include "support/approval.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace canary::testing {

CliRun run_cli(const std::vector<std::string>& args, const std::string& tmp) {
  std::vector<std::string> argv = {bin("canary")};
  argv.insert(argv.end(), args.begin(), args.end());
  ProgramOptions options;
  options.working_dir = source_dir();
  options.env = {{"CANARY_ARTIFACT_ROOT", tmp + "/artifacts"}, {"COLUMNS", "100"}};
  return run_program(argv, tmp, options);
}

std::string transcript(const std::vector<std::string>& args, const CliRun& run) {
  std::string command = "$ canary";
  for (const auto& arg : args) command += " " + arg;
  return command + "\n[exit " + std::to_string(run.exit_code) + "]\n--- stdout\n" + run.out +
         "--- stderr\n" + run.err;
}

Scrubber scrubber_for(std::vector<std::pair<std::string, std::string>> dirs) {
  Scrubber scrub;
  scrub.paths = std::move(dirs);
  scrub.paths.emplace_back(source_dir(), "<src>");
  scrub.paths.emplace_back(bin_dir(), "<bin>");
  return scrub;
}

void expect_golden(const std::string& actual, const std::string& golden) {
  if (std::getenv("CANARY_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden))
      << golden << " is missing; run with CANARY_UPDATE_GOLDEN=1\n" << actual;
  EXPECT_EQ(actual, read_text(golden))
      << "golden file " << golden << " differs (CANARY_UPDATE_GOLDEN=1 rewrites it)";
}

void approve_cli(const std::vector<std::string>& args, int exit_code, const std::string& golden,
                 const std::string& tmp, const Scrubber& scrub) {
  const CliRun run = run_cli(args, tmp);
  const std::string actual = scrub(transcript(args, run));
  EXPECT_EQ(run.exit_code, exit_code) << actual;
  expect_golden(actual, golden);
}

}  // namespace canary::testing
