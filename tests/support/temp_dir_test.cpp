// The temp dir and the file helpers, on the real file system.
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace canary::testing {
namespace {
namespace fs = std::filesystem;

TEST(TempDir, IsFreshAndGoesWithEverythingInIt) {
  std::string kept;
  {
    const TempDir one, two;
    EXPECT_NE(one.path(), two.path());
    EXPECT_TRUE(fs::is_directory(one.path()));
    fs::create_directories(one / "a/b");
    write_text(one / "a/b/c", "x");
    kept = one.path();
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(TempDir, ANamedDirIsEmptiedFirst) {
  const std::string name = "canary-test-named-" + std::to_string(::getpid());
  {
    const TempDir first(name);
    write_text(first / "old", "x");
  }
  fs::create_directories(fs::temp_directory_path() / name);
  write_text((fs::temp_directory_path() / name / "stale").string(), "x");
  const TempDir second(name);
  EXPECT_EQ(second.path(), (fs::temp_directory_path() / name).string());
  EXPECT_TRUE(fs::is_empty(second.path()));
}

TEST(Files, WriteThenReadIsByteForByte) {
  const TempDir dir;
  const std::string bytes = std::string("a\0b\r\n\xff", 6);
  write_text(dir / "f", bytes);
  EXPECT_EQ(read_text(dir / "f"), bytes);
  write_text(dir / "f", "shorter");
  EXPECT_EQ(read_text(dir / "f"), "shorter");
  EXPECT_EQ(read_text(dir / "missing"), "");
}

TEST(Files, AScriptGetsItsShebangAndMode) {
  const TempDir dir;
  write_script(dir / "run.sh", "exit 0\n");
  write_script(dir / "not-executable.sh", "exit 0\n", 0644);
  EXPECT_EQ(read_text(dir / "run.sh"), "#!/bin/sh\nexit 0\n");
  struct stat info {};
  ASSERT_EQ(::stat((dir / "run.sh").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0755u);
  ASSERT_EQ(::stat((dir / "not-executable.sh").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

}  // namespace
}  // namespace canary::testing
