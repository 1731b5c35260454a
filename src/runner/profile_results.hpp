#pragma once
// A profile's `results:` key in its map form, and the checks both forms share.

#include <canary/profile.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace canary {

// Empty, absolute, or climbing out with `..`: not a file inside the artifact dir.
bool escapes_artifact_dir(std::string_view path);

// `results: {format: junit, tiers: {install: junit/install.xml, ...}}` or
// `results: {format: results.json, file: out/results.json}`; errors go to `diagnostics`.
void read_results_map(const std::string& path, const YAML::Node& value, HarnessProfile& profile,
                      std::vector<Diagnostic>& diagnostics);

// Every JUnit tier must be a standard tier or one the profile's `tiers:` lists (which may come
// after `results:` in the file, hence a check at the end).
void check_junit_tiers(const HarnessProfile& profile, std::vector<Diagnostic>& diagnostics);

}  // namespace canary
