// One recorded run, three views of its canary x tier matrix: canary-gtest's table (as CTest runs
// it), the CTest summary (`canary verify --latest --table`) and `canary report`. All take the
// matrix from the record (recorded_matrix), so they agree, also after the spec changed so that
// a re-judgment of the same run comes out otherwise. Real processes, the example harness.
#include <canary/run_record.hpp>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {
namespace fs = std::filesystem;

const std::string kSource = CANARY_SOURCE_DIR;
const std::string kBin = CANARY_BIN_DIR;

using canary::testing::read_text;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// One tier of a shown matrix: what the harness reported, and what the canary wanted instead
// ("" where it was as expected or not judged).
struct Cell {
  std::string tier, actual, want;
  bool operator==(const Cell&) const = default;
};
struct Shown {
  std::string expect;
  std::string outcome;
  std::vector<Cell> cells;
};
std::ostream& operator<<(std::ostream& out, const Cell& c) {
  return out << c.tier << "=" << c.actual << (c.want.empty() ? "" : " want " + c.want);
}

// A row of render_tier_table ("CANARY  EXPECT  OUTCOME  install ..."): columns two spaces apart.
Shown from_table(const std::string& text, const std::string& canary) {
  const auto split = [](const std::string& line) {
    std::vector<std::string> out;
    for (const std::string& part : lines_of(std::regex_replace(line, std::regex(" {2,}"), "\n"))) {
      out.push_back(part);
    }
    return out;
  };
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!lines[i].starts_with("CANARY ")) continue;
    const auto header = split(lines[i]);
    for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty(); ++j) {
      const auto row = split(lines[j]);
      if (row.empty() || row[0] != canary || row.size() != header.size()) continue;
      Shown shown{row[1], row[2], {}};
      const std::regex want("(.*) \\(want (.*)\\)");
      for (std::size_t k = 3; k < row.size(); ++k) {
        std::smatch m;
        const bool differs = std::regex_match(row[k], m, want);
        shown.cells.push_back({header[k], differs ? m[1].str() : row[k], differs ? m[2].str() : ""});
      }
      return shown;
    }
  }
  ADD_FAILURE() << "no table row for " << canary << " in:\n" << text;
  return {};
}

// A row of the Markdown report's matrix: "| canary | expect | outcome | install | ... | duration |".
Shown from_markdown(const std::string& text, const std::string& canary) {
  const auto split = [](std::string line) {
    std::vector<std::string> out;
    std::istringstream in(line.substr(1));
    for (std::string cell; std::getline(in, cell, '|');) {
      out.push_back(std::regex_replace(cell, std::regex("^ +| +$"), ""));
    }
    return out;
  };
  std::vector<std::string> header;
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("| canary |")) header = split(line);
    if (header.empty() || !line.starts_with("| " + canary + " |")) continue;
    const auto row = split(line);
    if (row.size() != header.size()) break;
    // The outcome with its icon: "✅ PASS".
    Shown shown{row[1], row[2].substr(row[2].rfind(' ') + 1), {}};
    const std::regex want("\\*\\*(.*)\\*\\* ✗ want (.*)");
    for (std::size_t k = 3; k + 1 < row.size(); ++k) {  // the last column is the duration
      std::smatch m;
      if (std::regex_match(row[k], m, want)) {
        shown.cells.push_back({header[k], m[1].str(), m[2].str()});
      } else {
        shown.cells.push_back({header[k], std::regex_replace(row[k], std::regex(" ✓$"), ""), ""});
      }
    }
    return shown;
  }
  ADD_FAILURE() << "no Markdown row for " << canary << " in:\n" << text;
  return {};
}

class RecordedMatrixTest : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "canaries");
    fs::copy(kSource + "/harness/example/canaries/example-bad-backup.yaml", spec());
  }

  fs::path spec() const { return dir_ / "canaries" / "example-bad-backup.yaml"; }
  std::string root() const { return (dir_ / "artifacts").string(); }

  // Runs a program to its end; its stdout.
  std::string run(const std::vector<std::string>& argv, int want_exit) {
    canary::testing::ProgramOptions options;
    options.timeout = std::chrono::seconds(120);
    const canary::testing::ProgramRun result = canary::testing::run_program(argv, dir_, options);
    EXPECT_EQ(result.exit_code, want_exit)
        << argv[0] << " " << argv[1] << ":\n" << result.out << result.err;
    return result.out;
  }
  Shown summary(int want_exit) {
    return from_table(run({kBin + "/canary", "verify", "--latest", "--table",
                           "--canaries=" + (dir_ / "canaries").string(), root()},
                          want_exit),
                      "example-bad-backup");
  }
  Shown report() {
    return from_markdown(run({kBin + "/canary", "report", "--markdown", "-", root()}, 0),
                         "example-bad-backup");
  }

  const canary::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path();
};

TEST_F(RecordedMatrixTest, EveryViewShowsTheRecordedMatrix) {
  // As CTest runs a canary.
  const Shown gtest = from_table(
      run({kBin + "/canary-gtest", "--canary-dir=" + (dir_ / "canaries").string(),
           "--canary-artifact-root=" + root(),
           "--canary-profile=" + kSource + "/harness/profiles/example.yaml"},
          0),
      "example-bad-backup");
  ASSERT_EQ(gtest.outcome, "PASS");
  ASSERT_EQ(gtest.expect, "RED at backup");
  ASSERT_EQ(gtest.cells.size(), 5u);
  EXPECT_EQ(gtest.cells[2], (Cell{"backup", "fail", ""}));
  EXPECT_EQ(gtest.cells[3], (Cell{"restore", "skip", ""}));

  const Shown before = summary(0);
  EXPECT_EQ(before.outcome, "PASS");
  EXPECT_EQ(before.expect, gtest.expect);
  EXPECT_EQ(before.cells, gtest.cells);
  const Shown reported = report();
  EXPECT_EQ(reported.outcome, "PASS");
  EXPECT_EQ(reported.expect, gtest.expect);
  EXPECT_EQ(reported.cells, gtest.cells);

  // The spec now wants restore to pass: re-judged, the same run is a MISMATCH at restore
  // ("skip (want pass)"), while the record says what the run was judged against. The CTest
  // summary and the report still show one matrix, the recorded one.
  std::string text = read_text(spec());
  const std::string skip = "restore: skip";
  ASSERT_NE(text.find(skip), std::string::npos);
  text.replace(text.find(skip), skip.size(), "restore: pass");
  std::ofstream(spec(), std::ios::trunc) << text;

  const Shown after = summary(1);
  EXPECT_EQ(after.outcome, "MISMATCH") << "the re-judgment must differ from the record";
  EXPECT_EQ(after.expect, gtest.expect);
  EXPECT_EQ(after.cells, gtest.cells);
  const Shown reported_after = report();
  EXPECT_EQ(reported_after.expect, after.expect);
  EXPECT_EQ(reported_after.cells, after.cells);
}

// A record older than the matrix block: the tiers results.json beside it reports, nothing
// expected; with neither, no tiers. Both views read it through recorded_matrix.
TEST_F(RecordedMatrixTest, ARecordWithoutAMatrixShowsTheReportedTiers) {
  const fs::path run_dir = dir_ / "old";
  fs::create_directories(run_dir);
  canary::RunRecord record;
  EXPECT_TRUE(canary::recorded_matrix(record, run_dir.string()).cells.empty());
  for (const auto& entry : fs::directory_iterator(kSource + "/tests/report/data/night")) {
    if (entry.path().filename().string().starts_with("example-bad-backup-")) {
      fs::copy(entry.path() / "results.json", run_dir / "results.json");
    }
  }
  const canary::RunMatrix matrix = canary::recorded_matrix(record, run_dir.string());
  ASSERT_EQ(matrix.cells.size(), 5u) << "results.json did not parse";
  EXPECT_EQ(matrix.expect, "");
  EXPECT_EQ(matrix.cells[2].tier, "backup");
  EXPECT_EQ(matrix.cells[2].actual, canary::Status::fail);
  for (const canary::TierCell& cell : matrix.cells) EXPECT_FALSE(cell.expected) << cell.tier;

  record.expect = "GREEN";
  record.tiers = {{"install", canary::Status::pass, canary::Status::pass}};
  const canary::RunMatrix recorded = canary::recorded_matrix(record, run_dir.string());
  EXPECT_EQ(recorded.expect, "GREEN");
  ASSERT_EQ(recorded.cells.size(), 1u) << "a recorded matrix is never mixed with results.json";
  EXPECT_EQ(recorded.cells[0].tier, "install");
}

}  // namespace
