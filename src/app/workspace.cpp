#include <canary/workspace.hpp>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace canary {
namespace fs = std::filesystem;

ProfileFile find_profile(const Workspace& workspace, const std::string& name_or_path) {
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
  const std::string path =
      is_path ? name_or_path : (fs::path(workspace.profile_dir) / (name_or_path + ".yaml")).string();
  return load_profile_file(path);
}

ProfileFile profile_for(const Workspace& workspace, const CanarySpec& spec) {
  return find_profile(workspace, spec.harness.empty() ? workspace.default_profile : spec.harness);
}

const ProfileFile& ProfileCache::find(const std::string& name_or_path) {
  auto it = loaded_.find(name_or_path);
  if (it == loaded_.end()) {
    it = loaded_.emplace(name_or_path, find_profile(*workspace_, name_or_path)).first;
  }
  return it->second;
}

const ProfileFile& ProfileCache::for_spec(const CanarySpec& spec) {
  return find(spec.harness.empty() ? workspace_->default_profile : spec.harness);
}

std::chrono::seconds ctest_timeout(const CanarySpec& spec, const HarnessProfile& profile) {
  using namespace std::chrono;
  const auto attempts = profile.retries + 1;
  const auto per_attempt = spec.timeout + ceil<seconds>(profile.grace);
  // Backoff starts at 0.5 s and doubles: the sum stays under 2^retries seconds.
  const auto backoff = seconds(1LL << std::min(profile.retries, 10));
  // A flaky canary's mismatch is run again up to `reruns` times, each with its own retries.
  const auto runs = 1 + (spec.flaky ? spec.flaky->reruns : 0);
  return (per_attempt * attempts + backoff) * runs + seconds(30);
}

std::string executable_dir() {
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : self.parent_path().string();
}

Workspace default_workspace() {
  auto env_or = [](const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::string(value) : fallback;
  };
  Workspace workspace;
  workspace.canary_paths = {CANARY_DEFAULT_CANARIES};
  workspace.profile_dir = env_or("CANARY_PROFILE_DIR", CANARY_DEFAULT_PROFILE_DIR);
  workspace.default_profile = env_or("CANARY_PROFILE", CANARY_DEFAULT_PROFILE);
  workspace.artifact_root = env_or("CANARY_ARTIFACT_ROOT", CANARY_DEFAULT_ARTIFACT_ROOT);
  workspace.bin_dir = executable_dir();
  return workspace;
}

}  // namespace canary
