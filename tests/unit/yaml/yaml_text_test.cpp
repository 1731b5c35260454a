// The spec reader skips its guard parse for text that can only be one block mapping. That
// shortcut is safe only if no such text can make yaml-cpp loop, so every spec this repository
// holds (canaries, the bad-input corpus, the fuzz seeds and regressions) is checked against the
// guard itself: where the scan says "plain block map", the guard must find nothing stuck.
#include "yaml_text.hpp"

#include <yaml-cpp/exceptions.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace canary::yaml {
namespace {

namespace fs = std::filesystem;

TEST(PlainBlockMapTest, TakesAMapOfPlainKeysAtColumnZero) {
  EXPECT_TRUE(is_plain_block_map("canary: a\nexpect:\n  verdict: green\n"));
  EXPECT_TRUE(is_plain_block_map("# a comment\n\ncanary: a\n  # indented comment\nsha: '1'\n"));
  EXPECT_TRUE(is_plain_block_map("canary: a\r\nrecipe: b\r\n"));
  EXPECT_TRUE(is_plain_block_map("_key: 1\n9key: 2\n"));
}

TEST(PlainBlockMapTest, LeavesEverythingElseToTheGuard) {
  EXPECT_FALSE(is_plain_block_map(""));
  EXPECT_FALSE(is_plain_block_map("# only a comment\n"));
  EXPECT_FALSE(is_plain_block_map(",caa"));
  EXPECT_FALSE(is_plain_block_map("canary: a\n---\n,x\n"));
  EXPECT_FALSE(is_plain_block_map("canary: a\n...\nb: 1\n"));
  EXPECT_FALSE(is_plain_block_map("%YAML 1.2\n---\ncanary: a\n"));
  EXPECT_FALSE(is_plain_block_map("  canary: a\n"));
  EXPECT_FALSE(is_plain_block_map("{canary: a}\n"));
  EXPECT_FALSE(is_plain_block_map("- a\n- b\n"));
  EXPECT_FALSE(is_plain_block_map("canary: [a,\n]\n"));
  EXPECT_FALSE(is_plain_block_map("\"canary\": a\n"));
  EXPECT_FALSE(is_plain_block_map("&anchor canary: a\n"));
  EXPECT_FALSE(is_plain_block_map("\tcanary: a\n"));
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(PlainBlockMapTest, NeverVouchesForTextTheGuardStopsOn) {
  const fs::path source = CANARY_SOURCE_DIR;
  std::size_t checked = 0;
  std::size_t vouched = 0;
  for (const char* dir : {"canaries", "harness/example/canaries", "tests/corpus/specs",
                          "tests/fuzz/corpus/spec", "tests/fuzz/regressions/spec"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".expect" ||
          entry.path().extension() == ".out")
        continue;
      const std::string text = read(entry.path());
      ++checked;
      if (!is_plain_block_map(text)) continue;
      ++vouched;
      try {
        EXPECT_FALSE(find_stuck_document(text)) << entry.path();
      } catch (const YAML::Exception&) {
        // A syntax error is reported by the real parse; it is not a loop.
      }
    }
  }
  EXPECT_GE(checked, 90u);
  EXPECT_GT(vouched, 40u) << "of " << checked;  // the shortcut must serve the common spec
}

}  // namespace
}  // namespace canary::yaml
