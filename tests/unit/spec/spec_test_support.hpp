#pragma once
// Shared by the spec loader tests: diagnostics and specs as comparable text.

#include <canary/spec_loader.hpp>

#include <string>
#include <vector>

namespace canary::testing {

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics);

// Every field of a spec, one per line, so a mismatch shows exactly which field differs.
std::string dump(const CanarySpec& spec);

// A directory of its own (name and pid) under gtest's temp dir, removed on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to `relative` (creating directories) and returns the full path.
  std::string write(const std::string& relative, const std::string& text) const;

 private:
  std::string path_;
};

}  // namespace canary::testing
