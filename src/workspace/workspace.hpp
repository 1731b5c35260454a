#pragma once
// Where a Canary program finds canaries, profiles and binaries, and puts artifacts.

#include <canary/profile.hpp>
#include <canary/spec.hpp>
#include <canary/spec_loader.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace canary {

struct Workspace {
  std::vector<std::string> canary_paths;  // files or directories of canary YAML
  std::string default_profile;            // profile file for canaries that name no `harness`
  std::string profile_dir;                // where `harness: NAME` finds NAME.yaml
  std::string artifact_root;              // {artifact_root}
  std::string bin_dir;                    // {bin}
};

// A profile given as a path (contains '/' or ends in .yaml) or as a name in profile_dir. Each
// file is parsed once per process (again only when it changed); the reference stays valid.
const ProfileFile& find_profile(const Workspace& workspace, const std::string& name_or_path);

// The profile a canary runs on: its `harness`, else the workspace default.
const ProfileFile& profile_for(const Workspace& workspace, const CanarySpec& spec);

// How this workspace loads specs: a tier the default profile declares is known, and that
// profile is read only when a spec names a tier the standard ones do not cover.
LoadOptions spec_load_options(const Workspace& workspace);

// CTest's TIMEOUT for a canary: above every attempt's timeout plus grace plus backoff, so the
// runner, not CTest, kills a hung harness and records why.
std::chrono::seconds ctest_timeout(const CanarySpec& spec, const HarnessProfile& profile);

// The directory of the running executable (/proc/self/exe), for {bin}.
std::string executable_dir();

// The defaults compiled into this build (source tree profiles, build/bin, build/artifacts) or,
// for an installed program, <prefix>/share/canary and ./canary-artifacts;
// overridden by CANARY_PROFILE, CANARY_PROFILE_DIR and CANARY_ARTIFACT_ROOT when set.
Workspace default_workspace();

}  // namespace canary
