#pragma once
// How a cold reader (verify, report) builds its SecretMask: the secret names each record lists
// plus those of every profile it can find for the record (the recorded path, the recorded name,
// the spec's), with values from this environment and those profiles' `env:` — the same
// SecretMask::from_environment the runner uses. Safe to call from verify's parallel judging.

#include <canary/secrets.hpp>
#include "workspace/workspace.hpp"

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace canary::cli {

class SecretSources {
 public:
  explicit SecretSources(const Workspace& workspace) : workspace_(&workspace) {}

  // Adds one record's secrets (`names` as recorded, and those of each of `profiles` that loads:
  // paths or names, empty ones skipped; and of `spec`'s profile) and returns its mask.
  SecretMask add(const std::vector<std::string>& names, const std::vector<std::string>& profiles,
                 const CanarySpec* spec = nullptr);

  // The mask of everything added, for a renderer that shows every record at once.
  SecretMask mask() const;

  // "<program>: warning: cannot mask A, B: ..." when a named secret had no value; "" otherwise.
  std::string warning(std::string_view program) const;

 private:
  const Workspace* workspace_;
  mutable std::mutex mutex_;
  std::set<std::string> names_;
  std::map<std::string, std::string> env_;
  std::vector<std::string> values_;
  std::set<std::string> missing_;
};

}  // namespace canary::cli
