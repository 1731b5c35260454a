#pragma once
// A RunResult as stable text, one fact a line, so a table row can state a whole result and
// a failure shows a readable diff.

#include <canary/run_result.hpp>

#include <string>

namespace canary::testing {

// "schema 2\nrecipe x\ntier install pass\n  test test_serving pass 812ms\n..." (empty fields left
// out).
std::string to_text(const RunResult& result);

}  // namespace canary::testing
