#include "spec_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace canary::testing {

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : diagnostics) out.push_back(format(diagnostic));
  return out;
}

std::string dump(const CanarySpec& spec) {
  std::ostringstream out;
  out << "id=" << spec.id << "\nabout=" << spec.about << "\nrecipe=" << spec.recipe
      << "\nref=" << spec.ref << "\nsha=" << spec.sha << "\nlabels=";
  for (const auto& label : spec.labels) out << label << ',';
  out << "\ntimeout=" << spec.timeout.count() << "ms\nharness=" << spec.harness << "\nverdict=";
  if (spec.expect.verdict) out << to_string(*spec.expect.verdict);
  out << "\nexit_code=";
  if (spec.expect.exit_code) out << *spec.expect.exit_code;
  out << "\nfails_at=" << spec.expect.fails_at.value_or("") << "\ntiers=";
  for (const auto& [tier, status] : spec.expect.tiers)
    out << tier << ':' << to_string(status) << ',';
  out << "\nlevel=";
  if (spec.expect.level) out << *spec.expect.level;
  out << "\nflags=";
  for (const auto& [flag, value] : spec.expect.flags) out << flag << ':' << value << ',';
  out << "\ntests=";
  for (const auto& test : spec.expect.tests) {
    out << test.tier << '/' << test.name << ':' << to_string(test.status) << ',';
  }
  out << "\nxfail=";
  if (spec.xfail) out << spec.xfail->bug << '|' << spec.xfail->reason;
  out << "\nflaky=";
  if (spec.flaky) out << spec.flaky->bug << '|' << spec.flaky->reruns;
  out << "\npath=" << spec.path << "\nhash=" << spec.hash << '\n';
  return out.str();
}

TempDir::TempDir(const std::string& name)
    : path_((std::filesystem::path(::testing::TempDir()) /
             ("canary_spec_" + name + "_" + std::to_string(::getpid())))
                .string()) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& relative, const std::string& text) const {
  const std::filesystem::path file = std::filesystem::path(path_) / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file.string();
}

}  // namespace canary::testing
