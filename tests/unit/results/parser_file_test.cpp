#include "run_result_text.hpp"

#include <canary/results_parser.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace canary {
namespace {

namespace fs = std::filesystem;

const std::string kDataDir = std::string(CANARY_SOURCE_DIR) + "/tests/unit/results/data/";

class ParseFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("canary-results-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  fs::path dir_;
};

TEST_F(ParseFile, CcCiSchema1Sample) {
  const ParsedResults parsed = parse_results_file(kDataDir + "ccci-schema1.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(testing::to_text(parsed.result),
            "schema 1\n"
            "recipe custom-html-tiny\n"
            "ref 3f9c2a7d5e1b4c8a9f0e6d2c1b7a5e3d9c8b7a60\n"
            "run_id custom-html-tiny-20240501T101500Z-4242\n"
            "finished 2024-05-01T10:19:42Z\n"
            "tier install pass\ntier upgrade pass\ntier backup fail\ntier restore skip\ntier "
            "custom skip\n");
}

TEST_F(ParseFile, CcCiSchema2Sample) {
  const ParsedResults parsed = parse_results_file(kDataDir + "ccci-schema2.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(testing::to_text(parsed.result),
            "schema 2\n"
            "recipe custom-html-tiny\n"
            "ref 3f9c2a7d5e1b4c8a9f0e6d2c1b7a5e3d9c8b7a60\n"
            "run_id custom-html-tiny-20240501T101500Z-4243\n"
            "finished 2024-05-01T10:21:07Z\n"
            "tier install pass\n"
            "  test test_serving pass 812ms\n"
            "  test test_content_type_html pass 95ms\n"
            "  test test_content_type_css pass 88ms\n"
            "tier upgrade pass\n"
            "  test test_serving_after_upgrade pass 640ms\n"
            "tier backup fail\n"
            "  test test_backup_artifact pass 1204.5ms\n"
            "  test test_backup_captures_state fail 377ms\n"
            "tier restore skip (backup failed)\n"
            "tier custom skip (stopped after the first failing tier)\n"
            "level 2\n"
            "rung backup_restore fail\nrung functional skip\nrung install pass\nrung lint "
            "pass\nrung upgrade pass\n"
            "flag clean_teardown true\nflag no_secret_leak true\n");
}

TEST_F(ParseFile, TruncatedSample) {
  const std::string path = kDataDir + "truncated.json";
  EXPECT_EQ(
      parse_results_file(path).error,
      path +
          ": truncated JSON at line 5, column 10: syntax error while parsing object key - "
          "invalid string: missing closing quote; last read: '\"upgr'; expected string literal");
}

TEST_F(ParseFile, MissingFile) {
  const std::string path = (dir_ / "results.json").string();
  EXPECT_EQ(parse_results_file(path).error, path + ": cannot open: No such file or directory");
}

TEST_F(ParseFile, EmptyFile) {
  const std::string path = write("results.json", "");
  EXPECT_EQ(parse_results_file(path).error, path + ": empty, no JSON document");
}

TEST_F(ParseFile, WhitespaceOnlyFile) {
  const std::string path = write("results.json", "\n\n   \n");
  EXPECT_EQ(parse_results_file(path).error, path + ": only whitespace, no JSON document");
}

TEST_F(ParseFile, DirectoryInsteadOfFile) {
  const std::string path = (dir_ / "results.json").string();
  fs::create_directory(path);
  EXPECT_EQ(parse_results_file(path).error, path + ": is a directory, not a file");
}

TEST_F(ParseFile, FifoIsRefusedWithoutBlocking) {
  const std::string path = (dir_ / "results.json").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  EXPECT_EQ(parse_results_file(path).error, path + ": not a regular file");
}

TEST_F(ParseFile, OversizeSparseFileIsRefusedUnread) {
  const std::string path = write("results.json", "");
  fs::resize_file(path, 100'000'000);  // truncate(2): sparse, nothing is written
  EXPECT_EQ(parse_results_file(path).error,
            path + ": too large: 100000000 bytes (the limit is 67108864 bytes)");
}

TEST_F(ParseFile, OneByteOverTheCapIsRefused) {
  const std::string path = write("results.json", "");
  fs::resize_file(path, kMaxResultsFileBytes + 1);
  EXPECT_EQ(parse_results_file(path).error,
            path + ": too large: 67108865 bytes (the limit is 67108864 bytes)");
}

TEST_F(ParseFile, MalformedContentNamesTheFile) {
  const std::string path = write("results.json", R"json({"results": {"install": "passed"}})json");
  EXPECT_EQ(parse_results_file(path).error, path +
                                                ": $.results.install: unknown status 'passed' "
                                                "(expected pass, fail, skip, na, error or unver)");
}

}  // namespace
}  // namespace canary
