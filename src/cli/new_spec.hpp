#pragma once
// The spec `canary new` writes: from what one run recorded, or a scaffold without a run.

#include <canary/run_result.hpp>

#include <string>

namespace canary::cli {

struct NewSpecInput {
  std::string id;
  std::string recipe;
  std::string sha;
  bool red = false;
  std::optional<int> exit_code;  // pinned as `exit_code:` when known (a recorded or given code)
  std::string source;            // the header comment's "from ..." words
};

// The spec text, or an error saying why this run cannot be pinned (exit 0 over a failing tier,
// no failing test to name, ...). Red: the tiers up to and including the first failing one, and
// that tier's failing tests; green: every reported tier, and one passing test proving each ran.
struct NewSpec {
  std::string yaml;
  std::string error;
};
NewSpec spec_from_run(const NewSpecInput& input, const RunResult& result);

// A scaffold without a run: the verdict and a placeholder test to replace.
std::string scaffold_spec(const NewSpecInput& input);

// A canary id from free text (a recipe name): lower-case [a-z0-9-], never empty.
std::string id_from(const std::string& text);

}  // namespace canary::cli
