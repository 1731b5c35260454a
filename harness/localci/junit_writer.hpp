#pragma once
// One tier's tests as a JUnit XML file, for CI servers that show JUnit results.

#include "tiers.hpp"

#include <string>

namespace canary::localci {

// The <testsuite> of one tier: each test a <testcase>, failures, errors and skips as children.
std::string tier_junit(const std::string& recipe, const TierReport& tier);

}  // namespace canary::localci
