#pragma once
// The --canary-* options of canary-gtest; every other argument is GoogleTest's.

#include "report/shard.hpp"
#include "workspace/workspace.hpp"

#include <optional>
#include <string>
#include <vector>

namespace canary {

struct GtestOptions {
  Workspace workspace;
  std::optional<int> retries;
  std::string emit_ctest;                  // write a CTest script for these canaries and exit
  std::vector<std::string> ctest_labels;   // extra labels for every emitted test
  std::string ctest_prefix = "canary";     // test name prefix, base label and fixture stem
  std::optional<Shard> shard;              // emit only this shard's canaries (CANARY_SHARD=I/N)
  std::vector<std::string> gtest_args;     // argv for InitGoogleTest (argv[0] first)
  std::string error;                       // a usage error; exit 2
  bool help = false;
};

GtestOptions parse_gtest_options(int argc, char** argv);

std::string gtest_options_help();

}  // namespace canary
