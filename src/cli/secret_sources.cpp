#include "secret_sources.hpp"

#include <canary/printable.hpp>

namespace canary::cli {

SecretMask SecretSources::add(const std::vector<std::string>& names,
                              const std::vector<std::string>& profiles, const CanarySpec* spec) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> wanted = names;
  std::map<std::string, std::string> env;
  std::vector<const ProfileFile*> found;
  for (const std::string& name : profiles) {
    if (!name.empty()) found.push_back(&find_profile(*workspace_, name));
  }
  if (spec != nullptr) found.push_back(&profile_for(*workspace_, *spec));
  for (const ProfileFile* file : found) {
    const ProfileFile& profile = *file;
    if (!profile.ok()) continue;  // a profile since moved or removed: the environment's values
    wanted.insert(wanted.end(), profile.profile->secrets.begin(), profile.profile->secrets.end());
    for (const auto& [key, value] : profile.profile->env) env.emplace(key, value);
  }
  std::vector<std::string> values = SecretMask::values_from_environment(wanted, env);
  values_.insert(values_.end(), values.begin(), values.end());
  for (const std::string& name : wanted) {
    if (unavailable_secrets({name}, env).empty()) {
      missing_.erase(name);
      names_.insert(name);
    } else if (names_.count(name) == 0) {
      missing_.insert(name);
    }
  }
  return SecretMask(std::move(values));
}

SecretMask SecretSources::mask() const {
  std::lock_guard lock(mutex_);
  return SecretMask(values_);
}

std::string SecretSources::warning(std::string_view program) const {
  std::lock_guard lock(mutex_);
  if (missing_.empty()) return "";
  std::string names;
  // The names come from records, which an unindexed one's author chose: one line, whatever.
  for (const std::string& name : missing_) {
    names += (names.empty() ? "" : ", ") + terminal_safe(name);
  }
  return std::string(program) + ": warning: cannot mask " + names +
         ": no value in this environment or the recorded profile\n";
}

}  // namespace canary::cli
