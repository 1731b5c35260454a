#pragma once
// One forced build on a Buildbot master, and results.json from what Buildbot said about it.

#include "http.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace canary::buildbot {

struct BuildRequest {
  std::string recipe;
  std::string sha;
  std::string run_id;
  std::string builder;
  std::string scheduler = "force";
  std::chrono::seconds deadline{900};
  std::filesystem::path out;
};

struct BuildOutcome {
  std::string error;        // set when there is no build to report (no results.json written)
  int buildbot_result = -1; // the build's result code
  std::string worker;       // the worker that ran it
  int number = -1;          // the build's number on its builder
  int exit_code = 1;
};

// Buildbot's result codes (buildbot/process/results.py).
enum Result : int {
  kSuccess = 0, kWarnings = 1, kFailure = 2, kSkipped = 3, kException = 4, kRetry = 5,
  kCancelled = 6
};

// A tier's status from its step's result. WARNINGS is pass: the step's command succeeded, and
// Buildbot's own reporters publish WARNINGS as success.
std::string tier_status(int result);

// Forces the build, waits for it, keeps Buildbot's evidence in `out` (build.json, steps.json,
// logs/) and writes results.json. A stop signal stops the build first.
BuildOutcome run_build(const HttpClient& http, const BuildRequest& request);

}  // namespace canary::buildbot
