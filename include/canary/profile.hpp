#pragma once
// A harness profile: how to run one CI server on one canary.

#include <canary/diagnostic.hpp>
#include <canary/junit_results.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

// Placeholders in braces ({bin}, {recipe}, {sha}, {ref}, {run_id}, {canary}, {artifacts},
// {artifact_root}, {profile_dir}) are filled per run; `{{` and `}}` are literal braces.
// How `canary teeth --harness-faults` injects a deliberate bug into this harness.
struct FaultInjection {
  // Prints the harness's faults, one a line, the name first (the rest of the line describes it).
  // Placeholders: {bin} and {profile_dir} only, since no canary is running yet.
  std::vector<std::string> list;
  // Appended to `command` and added to `env` for a faulty run; `{fault}` is the fault's name.
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
};

struct HarnessProfile {
  std::string name;  // `harness:` in the file
  std::string path;  // the file it came from
  std::vector<std::string> command;
  std::map<std::string, std::string> env;
  std::string artifacts = "{artifact_root}/{run_id}";
  std::string results = "results.json";   // relative to the artifact dir
  // `results: {format: junit, tiers: {install: junit/install.xml}}`: one JUnit report per tier,
  // read instead of `results`. Empty: the harness writes results.json.
  std::vector<JunitTierFile> junit_tiers;
  std::vector<std::string> tiers;         // extra tiers this harness reports
  int retries = 2;                        // extra attempts after a TOOL_ERROR; mismatches never
  std::chrono::milliseconds grace{5000};  // between TERM and KILL on timeout
  std::string about;                      // one line for humans: what this harness is
  std::optional<FaultInjection> faults;   // absent: the harness cannot be given faults
  // Environment variables whose values are secret: masked (SecretMask) in everything Canary
  // prints or records. The harness still gets them; its own logs are its business.
  std::vector<std::string> secrets;
  // `identity: required`: results must report recipe, ref and run_id (each is always checked
  // against what Canary asked for when reported; required makes a missing one a finding too).
  bool identity_required = false;
  // Run the harness as this user when Canary runs as root (its group, no supplementary groups);
  // empty: as Canary's own user.
  std::string user;
};

struct ProfileFile {
  std::optional<HarnessProfile> profile;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return profile.has_value() && !has_errors(diagnostics); }
};

ProfileFile load_profile(const std::string& path, std::string_view text);
ProfileFile load_profile_file(const std::string& path);

// [a-z_][a-z0-9_-]*, at most 32 characters: what `user:` accepts.
bool is_user_name(std::string_view name);

using Placeholders = std::map<std::string, std::string, std::less<>>;

// Fills `{name}` placeholders. An unknown name or an unclosed brace is an error (empty
// return and `error` set), never a silent empty string.
std::optional<std::string> expand(std::string_view text, const Placeholders& values,
                                  std::string* error);

}  // namespace canary
