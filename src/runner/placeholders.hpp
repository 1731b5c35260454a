#pragma once
// The placeholder names a profile template may use, shared by the loader and the runner.

#include <array>
#include <string>
#include <string_view>

namespace canary {

inline constexpr std::array<std::string_view, 9> kPlaceholderNames = {
    "artifact_root", "artifacts", "bin", "canary", "profile_dir", "recipe", "ref", "run_id", "sha"};

// "artifact_root, artifacts, bin, ...", for messages.
std::string placeholder_list();

}  // namespace canary
