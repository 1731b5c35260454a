#pragma once
// Scratch space for tests that use real files: a directory removed with everything in it
// afterwards, whole-file reads and writes, and where the source tree and the built programs are.

#include <sys/types.h>

#include <string>

namespace canary::testing {

class TempDir {
 public:
  // A fresh directory <tmp>/canary-test-XXXXXX (mkdtemp): unique, so a test may hold several.
  TempDir();
  // The directory <tmp>/<name>, emptied first. For approval tests: their transcripts show the
  // path before it is scrubbed, so it keeps one shape from run to run (see approval.hpp).
  explicit TempDir(const std::string& name);
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The whole file, byte for byte ("" if it cannot be read).
std::string read_text(const std::string& path);
// Writes `text` as the whole file, creating it or cutting it first.
void write_text(const std::string& path, const std::string& text);
// A shell script a profile can run: "#!/bin/sh\n" then `body`, with permission bits `mode`
// (0644 gives a file that exists but cannot be executed).
void write_script(const std::string& path, const std::string& body, mode_t mode = 0755);

// The source tree, and the dir the built programs are in.
const std::string& source_dir();
const std::string& bin_dir();
// The built program `name` (canary, canary-gtest, canary-fake-harness, ...).
std::string bin(const std::string& name);

}  // namespace canary::testing
