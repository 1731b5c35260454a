#include "workspace/workspace.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <tuple>

namespace canary {
namespace fs = std::filesystem;
namespace {

// A profile file as it was when it was parsed: a changed file is parsed again.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  long mtime_s = 0;
  long mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

std::optional<FileIdentity> identity_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FileIdentity{info.st_dev, info.st_ino, info.st_size, info.st_mtim.tv_sec,
                      info.st_mtim.tv_nsec};
}

// Every command names the default profile and each canary's; one process parses each file once.
// Entries are never dropped (a changed file adds one), so a returned reference stays valid.
const ProfileFile& load_profile_once(const std::string& path) {
  struct Parsed {
    std::optional<FileIdentity> identity;  // nullopt: the file could not be read
    ProfileFile file;
  };
  static std::mutex mutex;
  static std::map<std::string, std::vector<std::unique_ptr<const Parsed>>> parsed;
  const auto identity = identity_of(path);
  {
    const std::lock_guard lock(mutex);
    if (const auto it = parsed.find(path); it != parsed.end() && it->second.back()->identity == identity)
      return it->second.back()->file;
  }
  auto fresh = std::make_unique<const Parsed>(Parsed{identity, load_profile_file(path)});
  const std::lock_guard lock(mutex);
  auto& versions = parsed[path];
  versions.push_back(std::move(fresh));
  return versions.back()->file;
}

}  // namespace

const ProfileFile& find_profile(const Workspace& workspace, const std::string& name_or_path) {
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
  const std::string path =
      is_path ? name_or_path : (fs::path(workspace.profile_dir) / (name_or_path + ".yaml")).string();
  return load_profile_once(path);
}

const ProfileFile& profile_for(const Workspace& workspace, const CanarySpec& spec) {
  return find_profile(workspace, spec.harness.empty() ? workspace.default_profile : spec.harness);
}

LoadOptions spec_load_options(const Workspace& workspace) {
  LoadOptions options;
  options.more_tiers = [workspace] {
    const ProfileFile& profile = find_profile(workspace, workspace.default_profile);
    return profile.ok() ? profile.profile->tiers : std::vector<std::string>();
  };
  return options;
}

std::chrono::seconds ctest_timeout(const CanarySpec& spec, const HarnessProfile& profile) {
  using namespace std::chrono;
  const auto attempts = profile.retries + 1;
  const auto per_attempt = ceil<seconds>(spec.timeout) + ceil<seconds>(profile.grace);
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

namespace {

// An installed program (<prefix>/bin) reads <prefix>/share/canary, never the tree it was built
// from; a program in the build tree has no such directory beside it.
std::string installed_data_dir(const std::string& bin_dir) {
  const fs::path dir = fs::path(bin_dir).parent_path() / CANARY_INSTALL_DATADIR;
  std::error_code ec;
  return fs::is_regular_file(dir / "profiles" / "local.yaml", ec) ? dir.string() : std::string();
}

}  // namespace

Workspace default_workspace() {
  auto env_or = [](const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::string(value) : fallback;
  };
  Workspace workspace;
  workspace.bin_dir = executable_dir();
  std::string canaries = CANARY_DEFAULT_CANARIES;
  std::string profile_dir = CANARY_DEFAULT_PROFILE_DIR;
  std::string profile = CANARY_DEFAULT_PROFILE;
  std::string artifact_root = CANARY_DEFAULT_ARTIFACT_ROOT;
  if (const std::string data = installed_data_dir(workspace.bin_dir); !data.empty()) {
    canaries = data + "/canaries";
    profile_dir = data + "/profiles";
    profile = profile_dir + "/local.yaml";
    std::error_code ec;
    artifact_root = (fs::current_path(ec) / "canary-artifacts").string();
  }
  workspace.canary_paths = {canaries};
  workspace.profile_dir = env_or("CANARY_PROFILE_DIR", profile_dir);
  workspace.default_profile = env_or("CANARY_PROFILE", profile);
  workspace.artifact_root = env_or("CANARY_ARTIFACT_ROOT", artifact_root);
  return workspace;
}

}  // namespace canary
