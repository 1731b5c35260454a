#include "support/fakes.hpp"

#include "support/temp_dir.hpp"

#include <canary/run_index.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace canary::testing {

std::string fake_harness() { return bin("canary-fake-harness"); }

std::string fake_command(const std::string& mode, const std::string& extra) {
  return R"(["{bin}/canary-fake-harness", "--mode", ")" + mode + R"(", "--out", "{artifacts}")" +
         extra + "]";
}

std::string fake_profile(const std::string& command, const std::string& extra) {
  const std::string env =
      extra.find("env:") == std::string::npos ? "env: {CANARY_FAKE_RUN_ID: \"{run_id}\"}\n" : "";
  return "harness: fake\ncommand: " + command + "\ngrace: 1s\n" + extra + env;
}

std::string green_spec_yaml(const std::string& id) {
  return "canary: " + id +
         "\nrecipe: fake-recipe\nsha: 0123456789abcdef0123456789abcdef01234567\n"
         "timeout: 5m\nexpect:\n  verdict: green\n  tests:\n"
         "    - {tier: install, name: test_serving, status: pass}\n";
}

void write_indexed_run(const std::string& root, const std::string& name,
                       const std::string& record) {
  const std::string file = name + "/canary-run.json";
  std::filesystem::create_directories(root + "/" + name);
  write_text(root + "/" + file, record);
  ASSERT_EQ(append_index_entry(root, {name, "", file, sha256_hex(record), "", ""}), "");
}

}  // namespace canary::testing
