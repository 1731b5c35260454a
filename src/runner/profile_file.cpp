#include <canary/profile.hpp>
#include <canary/safe_file.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace canary {

bool is_user_name(std::string_view name) {
  const auto lower = [](char c) { return c == '_' || std::islower(static_cast<unsigned char>(c)); };
  return !name.empty() && name.size() <= 32 && lower(name[0]) &&
         std::all_of(name.begin(), name.end(), [&](char c) {
           return lower(c) || c == '-' || std::isdigit(static_cast<unsigned char>(c));
         });
}

ProfileFile load_profile_file(const std::string& path) {
  ProfileFile out;
  std::error_code ignored;
  // A FIFO or a device in place of a profile must not hang or flood the loader.
  const FileText file = std::filesystem::is_directory(path, ignored)
                            ? FileText{"", std::strerror(EISDIR)}
                            : read_regular_file(path, kMaxConfigBytes, Follow::yes);
  if (file.ok()) return load_profile(path, file.text);
  const std::string why = file.missing ? std::strerror(ENOENT) : file.error;
  out.diagnostics.push_back({path, 0, 0, Severity::error, "cannot read profile: " + why});
  return out;
}

}  // namespace canary
