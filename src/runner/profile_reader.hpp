#pragma once
// The profile loader's parts (top-level keys, `faults:`, `results:`), built on the shared strict
// YAML reader so that profiles and specs report the same mistakes in the same words.

#include <canary/profile.hpp>

#include "yaml_map.hpp"

#include <string>
#include <string_view>

namespace canary::profile_detail {

using namespace canary::yaml;

// Checks every placeholder of `text` against the ones the runner fills (without `{artifacts}`
// unless `allow_artifacts`); reports at `at` and returns false otherwise.
bool check_template(const std::string& where, const std::string& text, Place at,
                    bool allow_artifacts, Reporter& reporter);

// [A-Za-z_][A-Za-z0-9_]*.
bool is_env_name(std::string_view name);

// The place of item `item` of list `list`: the list's own when the item is empty.
Place item_place(const YAML::Node& list, const YAML::Node& item);

// `faults: {list: [...], args: [...], env: {...}}`.
void read_faults(const Entry& entry, HarnessProfile& profile, Reporter& reporter);

// `results: {format: junit, tiers: {...}}` or `results: {format: results.json, file: F}`.
void read_results_map(const Entry& entry, HarnessProfile& profile, Reporter& reporter);

// Every JUnit tier must be a standard tier or one the profile's `tiers:` lists (which may come
// after `results:` in the file, hence a check at the end).
void check_junit_tiers(const HarnessProfile& profile, Reporter& reporter);

// Empty, absolute, or climbing out with `..`: not a file inside the artifact dir.
bool escapes_artifact_dir(std::string_view path);

}  // namespace canary::profile_detail
