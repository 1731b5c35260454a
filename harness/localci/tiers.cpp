#include "tiers.hpp"

#include "interrupt.hpp"

#include <chrono>

namespace canary::localci {

void run_test(TierContext& context, TierReport& tier, const std::string& name,
              const std::function<std::string()>& body) {
  context.log.note("test " + name + " ...");
  const auto start = std::chrono::steady_clock::now();
  const std::string reason = body();
  // A test cut short by a stop signal is the harness's error, not the recipe's failure.
  const char* failed = interrupted() ? "error" : "fail";
  TestReport test{name, reason.empty() ? "pass" : failed,
                  static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - start)
                                        .count()),
                  reason};
  context.log.note("test " + name + ": " + (reason.empty() ? "PASS" : "FAIL: " + reason) + " (" +
                   std::to_string(test.ms) + " ms)");
  if (!reason.empty()) tier.status = "fail";
  // Fault drop-failed-tests: only passing tests make it into the report.
  if (!reason.empty() && context.run.has_fault("drop-failed-tests")) return;
  tier.tests.push_back(test);
}

void fail_test(TierContext& context, TierReport& tier, const std::string& name,
               const std::string& reason) {
  const char* failed = interrupted() ? "error" : "fail";
  context.log.note("test " + name + ": " + failed + ": " + reason);
  tier.status = "fail";
  if (context.run.has_fault("drop-failed-tests")) return;
  tier.tests.push_back({name, failed, 0, reason});
}

void skip_test(TierContext& context, TierReport& tier, const std::string& name,
               const std::string& reason) {
  context.log.note("test " + name + ": SKIP: " + reason);
  tier.tests.push_back({name, "skip", 0, reason});
}

}  // namespace canary::localci
