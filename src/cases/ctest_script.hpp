#pragma once
// Writes the CTest script that turns each canary into one CTest test (read at ctest time).

#include "canary_case.hpp"
#include "gtest_options.hpp"

#include <string>
#include <vector>

namespace canary {

// The full GoogleTest name of a case: Canaries/CanaryTest.Run/<param_name>.
std::string gtest_full_name(const CanaryCase& canary_case);

// The script text: add_test + set_tests_properties (LABELS, TIMEOUT, RESOURCE_GROUPS) per case.
std::string ctest_script(const std::vector<CanaryCase>& cases, const GtestOptions& options,
                         const std::string& runner_path);

}  // namespace canary
