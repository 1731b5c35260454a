#pragma once
// Fakes made of real files, in the shapes the tests use: profiles that run the fake harness
// (tests/fakes), spec files, and runs as the runner leaves them in an artifact root.

#include <string>

namespace canary::testing {

// The fake harness program.
std::string fake_harness();

// A profile's command running the fake harness in `mode` on the artifact dir, as a YAML flow
// list; `extra` is more of the list, e.g. R"(, "--exit", "3")".
std::string fake_command(const std::string& mode, const std::string& extra = "");

// A profile file's text: harness "fake", `command`, grace 1s, then the `extra` lines; unless
// `extra` sets env:, the fake is given the run id to report, as an honest harness does.
std::string fake_profile(const std::string& command, const std::string& extra = "");

// A spec file's text: canary `id` of the fake recipe, green, install/test_serving passing.
std::string green_spec_yaml(const std::string& id);

// A run as the runner leaves it: <root>/<name>/canary-run.json holding `record`, and its line in
// the root's run index.
void write_indexed_run(const std::string& root, const std::string& name,
                       const std::string& record);

}  // namespace canary::testing
