// CTest's TIMEOUT for a canary stays above everything the runner may do before it gives up.
#include "workspace/workspace.hpp"

#include <gtest/gtest.h>

namespace canary {
namespace {

using namespace std::chrono_literals;

TEST(CtestTimeout, CoversEveryAttemptGraceAndBackoff) {
  CanarySpec spec;
  spec.timeout = 60s;
  HarnessProfile profile;
  profile.retries = 2;
  profile.grace = 5s;
  // 3 attempts of (60 s + 5 s grace), backoff under 4 s, 30 s margin.
  EXPECT_EQ(ctest_timeout(spec, profile), 229s);
}

TEST(CtestTimeout, CoversEveryRerunOfAFlakyCanary) {
  CanarySpec spec;
  spec.timeout = 60s;
  spec.flaky = Flaky{"#1", 2};
  HarnessProfile profile;
  profile.retries = 2;
  profile.grace = 5s;
  EXPECT_EQ(ctest_timeout(spec, profile), (3 * 65s + 4s) * 3 + 30s);
}

}  // namespace
}  // namespace canary
