#include "support/temp_dir.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace canary::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "canary-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + pattern);
  path_ = pattern;
}

TempDir::TempDir(const std::string& name) : path_((fs::temp_directory_path() / name).string()) {
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void write_script(const std::string& path, const std::string& body, mode_t mode) {
  write_text(path, "#!/bin/sh\n" + body);
  if (::chmod(path.c_str(), mode) != 0) throw std::runtime_error("chmod failed: " + path);
}

const std::string& source_dir() {
  static const std::string dir = CANARY_SOURCE_DIR;
  return dir;
}

const std::string& bin_dir() {
  static const std::string dir = CANARY_BIN_DIR;
  return dir;
}

std::string bin(const std::string& name) { return bin_dir() + "/" + name; }

}  // namespace canary::testing
