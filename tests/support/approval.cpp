#include "support/approval.hpp"

#include "runner/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace canary::testing {

CliRun run_cli(const std::vector<std::string>& args, const std::string& tmp) {
  ProcessRequest request;
  request.argv = {bin("canary")};
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.stdout_path = tmp + "/stdout";
  request.stderr_path = tmp + "/stderr";
  request.working_dir = source_dir();
  request.env = {{"CANARY_ARTIFACT_ROOT", tmp + "/artifacts"}, {"COLUMNS", "100"}};
  request.timeout = std::chrono::seconds(60);
  const ProcessOutcome outcome = run_process(request);
  EXPECT_TRUE(outcome.started) << outcome.start_error;
  EXPECT_FALSE(outcome.timed_out);
  return {outcome.exit_code.value_or(-1), read_text(request.stdout_path),
          read_text(request.stderr_path)};
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
