// The fixture repositories: SHAs identical on every build and equal to the canaries' pins, and
// broken variants that differ from their base only in what they break.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <sstream>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

const fs::path kSource = CANARY_SOURCE_DIR;

struct Pin {
  std::string file;
  std::string canary;
  std::string recipe;
  std::string ref;
  std::string sha;
  std::vector<std::string> labels;
};

std::vector<Pin> canary_pins() {
  std::vector<Pin> pins;
  for (const auto& entry : fs::directory_iterator(kSource / "canaries")) {
    if (entry.path().extension() != ".yaml") continue;
    const YAML::Node spec = YAML::LoadFile(entry.path().string());
    Pin pin{entry.path().filename().string(), spec["canary"].as<std::string>(),
            spec["recipe"].as<std::string>(), spec["ref"].as<std::string>(),
            spec["sha"].as<std::string>(),    {}};
    if (spec["labels"]) pin.labels = spec["labels"].as<std::vector<std::string>>();
    pins.push_back(pin);
  }
  return pins;
}

// Builds the fixtures into a fresh directory, as a new machine would.
class BuiltFixtures {
 public:
  BuiltFixtures() {
    const auto result = run(
        {(kSource / "fixtures" / "build-fixtures").string(), dir_.path().string()}, dir_.path());
    exit_code = result.exit_code;
    error = result.err;
  }
  fs::path repo(const std::string& recipe) const {
    return dir_.path() / "repos" / (recipe + ".git");
  }
  std::string table() const { return read_text(dir_.path() / "fixtures.tsv").value_or(""); }

  int exit_code = -1;
  std::string error;

 private:
  TempDir dir_;
};

std::string git_output(const fs::path& repo, const std::vector<std::string>& args) {
  TempDir scratch;
  std::vector<std::string> argv = {"git", "--git-dir=" + repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, scratch.path()).out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

TEST(FixturesTest, TheEightSeedCanariesArePinned) {
  std::map<std::string, std::vector<std::string>> labels;
  for (const auto& pin : canary_pins())
    if (fs::exists(fixture_repos() / (pin.recipe + ".git"))) labels[pin.canary] = pin.labels;
  const std::vector<std::string> fast = {"canary_fast"};
  const std::map<std::string, std::vector<std::string>> expected = {
      {"good-simple", {}},   {"good-significant", {}}, {"bad-false-green", fast},
      {"bad-install", fast}, {"bad-upgrade", fast},    {"bad-backup", fast},
      {"bad-restore", fast}, {"bad-deploy", fast}};
  EXPECT_EQ(labels, expected);
}

TEST(FixturesTest, BuiltShasEqualTheCanaryPins) {
  BuiltFixtures fixtures;
  ASSERT_EQ(fixtures.exit_code, 0) << fixtures.error;
  int checked = 0;
  for (const auto& pin : canary_pins()) {
    if (!fs::exists(fixtures.repo(pin.recipe))) continue;  // a canary for another harness
    ++checked;
    EXPECT_EQ(commit_of(fixtures.repo(pin.recipe), pin.ref), pin.sha)
        << pin.file << ": ref " << pin.ref << " of " << pin.recipe << " is not the pinned sha";
  }
  EXPECT_EQ(checked, 8);
}

TEST(FixturesTest, BuildsAreIdenticalAndRepeatable) {
  BuiltFixtures first;
  BuiltFixtures second;
  ASSERT_EQ(first.exit_code, 0) << first.error;
  ASSERT_EQ(second.exit_code, 0) << second.error;
  EXPECT_EQ(first.table(), second.table());
  EXPECT_EQ(first.table(),
            read_text(fs::path(CANARY_BINARY_DIR) / "fixtures" / "fixtures.tsv").value_or(""))
      << "the build tree's fixtures differ from a fresh build";
  EXPECT_EQ(lines_of(first.table()).size(), 13u);  // header, 6 releases, 6 variants
}

struct VariantCase {
  const char* recipe;
  const char* variant;
  std::vector<std::string> changed;  // exactly these files, and nothing else
};

// Names the case in gtest output instead of dumping its bytes.
void PrintTo(const VariantCase& value, std::ostream* out) { *out << value.variant; }

class VariantTest : public ::testing::TestWithParam<VariantCase> {};

TEST_P(VariantTest, ChangesOnlyWhatItBreaks) {
  const auto& param = GetParam();
  const fs::path repo = fixture_repos() / (std::string(param.recipe) + ".git");
  const std::string base = "v1.1.0";
  ASSERT_FALSE(fixture_commit(param.recipe, param.variant).empty())
      << "no branch " << param.variant;
  EXPECT_EQ(commit_of(repo, std::string(param.variant) + "^"), fixture_commit(param.recipe, base))
      << "a variant is one commit on top of the last release";

  EXPECT_THAT(lines_of(git_output(repo, {"diff", "--name-only", base, param.variant})),
              ElementsAreArray(param.changed));
  EXPECT_THAT(
      lines_of(git_output(repo, {"diff", "--name-only", "--diff-filter=AD", base, param.variant})),
      IsEmpty())
      << "a variant changes files; it neither adds nor deletes them";
  for (const auto& line : lines_of(git_output(repo, {"diff", "--numstat", base, param.variant}))) {
    std::istringstream fields(line);
    int added = 0, deleted = 0;
    std::string file;
    fields >> added >> deleted >> file;
    EXPECT_LE(added + deleted, 8) << file << ": a variant is a small, targeted change";
  }
  for (const auto& line : lines_of(git_output(repo, {"ls-tree", "-r", "-l", param.variant}))) {
    std::istringstream fields(line);
    std::string mode, type, object, size, file;
    fields >> mode >> type >> object >> size >> file;
    EXPECT_NE(size, "0") << file << " is empty in " << param.variant
                         << ": a broken fixture, not a broken recipe";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, VariantTest,
    ::testing::Values(
        VariantCase{"custom-html-tiny", "regression-bad-install", {"nginx/site.conf"}},
        VariantCase{
            "custom-html-tiny", "regression-bad-upgrade", {"nginx/site.conf", "recipe.yaml"}},
        VariantCase{"custom-html-tiny", "regression-bad-backup", {"recipe.yaml"}},
        VariantCase{"custom-html-tiny", "regression-bad-restore", {"recipe.yaml"}},
        VariantCase{"custom-html-tiny", "regression-undeployable", {"nginx/site.conf"}},
        VariantCase{"custom-html", "regression-stale-mime", {"nginx/mime.types"}}),
    [](const auto& generated) {
      std::string name = std::string(generated.param.recipe) + "_" + generated.param.variant;
      for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(FixturesTest, EveryVariantBranchIsListedInTheVariantTable) {
  std::set<std::string> branches;
  for (const char* recipe : {"custom-html-tiny", "custom-html", "guestbook"}) {
    const auto refs =
        git_output(fixture_repos() / (std::string(recipe) + ".git"),
                   {"for-each-ref", "--format=%(refname:short)", "refs/heads/regression-*"});
    for (const auto& ref : lines_of(refs)) branches.insert(std::string(recipe) + " " + ref);
  }
  const std::set<std::string> listed = {
      "custom-html-tiny regression-bad-install", "custom-html-tiny regression-bad-upgrade",
      "custom-html-tiny regression-bad-backup", "custom-html-tiny regression-bad-restore",
      "custom-html-tiny regression-undeployable",
      "custom-html regression-stale-mime"};
  EXPECT_EQ(branches, listed);
}

}  // namespace
}  // namespace canary::localci_test
