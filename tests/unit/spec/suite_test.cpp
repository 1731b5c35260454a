#include "spec_test_support.hpp"

#include <canary/spec_loader.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>

namespace canary {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::formatted;
using testing::TempDir;

const std::string kData = std::string(CANARY_SOURCE_DIR) + "/tests/unit/spec/data";

std::string spec_text(const std::string& id, const std::string& before = "") {
  return before + "canary: " + id +
         "\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
         "expect: {verdict: green, tests: [{tier: install, name: t, status: pass}]}\n";
}

std::vector<std::string> paths_of(const Suite& suite) {
  std::vector<std::string> out;
  for (const SpecFile& file : suite.files) out.push_back(file.path);
  return out;
}

TEST(LoadSuite, WalksDirectoriesRecursivelyInPathOrderSkippingHiddenAndOtherFiles) {
  const TempDir dir("walk");
  dir.write("b.yaml", spec_text("b"));
  dir.write("a.yml", spec_text("a"));
  dir.write("sub/c.yaml", spec_text("c"));
  dir.write(".hidden.yaml", spec_text("hidden"));
  dir.write(".git/x.yaml", spec_text("x"));
  dir.write("notes.txt", "not a spec");
  dir.write("sub/readme.md", "not a spec");
  const Suite suite = load_suite({dir.path()});
  EXPECT_THAT(paths_of(suite), ElementsAre(dir.path() + "/a.yml", dir.path() + "/b.yaml",
                                           dir.path() + "/sub/c.yaml"));
  EXPECT_TRUE(suite.ok());
  EXPECT_THAT(suite.all_diagnostics(), IsEmpty());
  ASSERT_TRUE(suite.files[2].spec);
  EXPECT_EQ(suite.files[2].spec->id, "c");
  EXPECT_EQ(suite.files[2].spec->path, dir.path() + "/sub/c.yaml");
}

TEST(LoadSuite, DuplicateIdsAreErrorsOnTheLaterFilesNamingTheFirst) {
  const TempDir dir("duplicates");
  const std::string first = dir.write("a.yaml", spec_text("same"));
  const std::string second = dir.write("b.yaml", spec_text("same", "about: copy\n"));
  const std::string third = dir.write("c/d.yaml", spec_text("same"));
  dir.write("e.yaml", spec_text("other"));
  const Suite suite = load_suite({dir.path()});
  ASSERT_EQ(suite.files.size(), 4u);
  EXPECT_TRUE(suite.files[0].ok());
  EXPECT_FALSE(suite.files[1].spec.has_value());
  EXPECT_FALSE(suite.files[2].spec.has_value());
  EXPECT_TRUE(suite.files[3].ok());
  EXPECT_FALSE(suite.ok());
  EXPECT_THAT(
      formatted(suite.all_diagnostics()),
      ElementsAre(
          second + ":2:9: error: duplicate canary id 'same' (first defined at " + first + ":1)",
          third + ":1:9: error: duplicate canary id 'same' (first defined at " + first + ":1)"));
}

TEST(LoadSuite, AnIdInAFileWithOtherErrorsStillCountsAsTaken) {
  const TempDir dir("duplicate_of_broken");
  const std::string first = dir.write("a.yaml", "canary: same\n");
  const std::string second = dir.write("b.yaml", spec_text("same"));
  const Suite suite = load_suite({dir.path()});
  ASSERT_EQ(suite.files.size(), 2u);
  EXPECT_THAT(formatted(suite.files[1].diagnostics),
              ElementsAre(second + ":1:9: error: duplicate canary id 'same' (first defined at " +
                          first + ":1)"));
}

TEST(LoadSuite, ManyFilesKeepPathOrderAndFindDuplicatesAcrossThem) {
  const TempDir dir("many");
  std::vector<std::string> expected_paths;
  for (int i = 0; i < 150; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "c%03d.yaml", i);
    // c120 reuses c007's id; every other file has its own.
    const std::string id = i == 120 ? "canary-7" : "canary-" + std::to_string(i);
    expected_paths.push_back(dir.write(name, spec_text(id)));
  }
  const Suite suite = load_suite({dir.path()});
  EXPECT_EQ(paths_of(suite), expected_paths);
  EXPECT_THAT(formatted(suite.all_diagnostics()),
              ElementsAre(expected_paths[120] +
                          ":1:9: error: duplicate canary id 'canary-7' (first "
                          "defined at " +
                          expected_paths[7] + ":1)"));
  for (std::size_t i = 0; i < suite.files.size(); ++i) {
    EXPECT_EQ(suite.files[i].spec.has_value(), i != 120) << i;
  }
}

TEST(LoadSuite, MissingPathIsASuiteErrorAndTheRestStillLoads) {
  const TempDir dir("missing");
  const std::string file = dir.write("only.yaml", spec_text("only"));
  const std::string missing = dir.path() + "/nope";
  const Suite suite = load_suite({missing, file});
  EXPECT_THAT(formatted(suite.errors), ElementsAre(missing + ": error: no such file or directory"));
  EXPECT_THAT(paths_of(suite), ElementsAre(file));
  EXPECT_TRUE(suite.files[0].ok());
  EXPECT_FALSE(suite.ok());
  EXPECT_THAT(formatted(suite.all_diagnostics()),
              ElementsAre(missing + ": error: no such file or directory"));
}

TEST(LoadSuite, AFileNamedTwiceLoadsOnceAndANamedFileNeedsNoYamlExtension) {
  const TempDir dir("twice");
  const std::string file = dir.write("a.yaml", spec_text("a"));
  const std::string other = dir.write("spec.canary", spec_text("b"));
  const Suite suite = load_suite({dir.path(), file, other});
  EXPECT_THAT(paths_of(suite), ElementsAre(file, other));
  EXPECT_TRUE(suite.ok());
}

TEST(LoadSuite, EmptyDirectoryHasNoFilesAndNoErrors) {
  const TempDir dir("empty");
  const Suite suite = load_suite({dir.path()});
  EXPECT_THAT(suite.files, IsEmpty());
  EXPECT_THAT(suite.errors, IsEmpty());
  EXPECT_TRUE(suite.ok());
}

TEST(LoadSuite, ExtraTiersReachEveryFile) {
  const TempDir dir("extra_tiers");
  dir.write("smoke.yaml",
            "canary: smoke\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
            "expect: {fails_at: smoke, tests: [{tier: smoke, name: t, status: fail}]}\n");
  EXPECT_FALSE(load_suite({dir.path()}).ok());
  EXPECT_TRUE(load_suite({dir.path()}, LoadOptions{{"smoke"}}).ok());
}

// The default profile's tiers come through more_tiers: asked for only by a spec that does not
// load without them, and then every diagnostic is the one extra_tiers would have given.
TEST(LoadSuite, MoreTiersAreAskedForOnlyWhenASpecNeedsThem) {
  const TempDir dir("more_tiers");
  const std::string plain = dir.write("plain.yaml", spec_text("plain"));
  const std::string smoke = dir.write(
      "smoke.yaml", "canary: smoke\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
                    "expect: {fails_at: smoke, tests: [{tier: smoke, name: t, status: fail}]}\n");
  const std::string typo = dir.write(
      "typo.yaml", "canary: typo\nrecipe: r\nsha: 0123456789abcdef0123456789abcdef01234567\n"
                   "expect: {fails_at: smok, tests: [{tier: smoke, name: t, status: fial}]}\n");
  std::atomic<int> calls = 0;
  LoadOptions lazy;
  lazy.more_tiers = [&calls] {
    ++calls;
    return std::vector<std::string>{"smoke"};
  };
  EXPECT_TRUE(load_suite({plain}, lazy).ok());
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(load_suite({smoke}, lazy).ok());
  EXPECT_GE(calls, 1);
  const Suite with_lazy = load_suite({typo}, lazy);
  const Suite with_extra = load_suite({typo}, LoadOptions{{"smoke"}});
  ASSERT_EQ(with_lazy.files.size(), 1U);
  ASSERT_EQ(with_extra.files.size(), 1U);
  EXPECT_FALSE(with_lazy.ok());
  EXPECT_THAT(formatted(with_lazy.files[0].diagnostics),
              ::testing::ContainerEq(formatted(with_extra.files[0].diagnostics)));
  EXPECT_THAT(formatted(with_lazy.files[0].diagnostics), ::testing::SizeIs(2));
}

TEST(LoadSpecFile, MissingFileIsADiagnostic) {
  const TempDir dir("missing_file");
  const std::string path = dir.path() + "/absent.yaml";
  const SpecFile file = load_spec_file(path);
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.path, path);
  EXPECT_THAT(formatted(file.diagnostics),
              ElementsAre(path + ": error: cannot read: No such file or directory"));
}

TEST(LoadSpecFile, DirectoryIsADiagnostic) {
  const TempDir dir("directory");
  const SpecFile file = load_spec_file(dir.path());
  EXPECT_THAT(formatted(file.diagnostics),
              ElementsAre(dir.path() + ": error: is a directory, not a spec file"));
}

TEST(SampleSpecs, GoodOnesLoad) {
  const Suite suite = load_suite({kData + "/good"});
  EXPECT_THAT(formatted(suite.all_diagnostics()), IsEmpty());
  ASSERT_EQ(suite.files.size(), 3u);
  ASSERT_TRUE(suite.ok());

  const CanarySpec& bad_backup = *suite.files[0].spec;
  EXPECT_EQ(bad_backup.id, "bad-backup");
  EXPECT_EQ(bad_backup.expect.verdict, Color::red);
  EXPECT_EQ(bad_backup.expect.fails_at, "backup");
  EXPECT_EQ(bad_backup.timeout, std::chrono::seconds(90));
  EXPECT_EQ(expected_tiers(bad_backup),
            (std::vector<std::pair<std::string, Status>>{
                {"install", Status::pass}, {"upgrade", Status::pass}, {"backup", Status::fail}}));

  const CanarySpec& snapshot = *suite.files[1].spec;
  EXPECT_EQ(snapshot.id, "empty-snapshot");
  ASSERT_TRUE(snapshot.xfail);
  EXPECT_EQ(snapshot.xfail->bug, "#17");
  EXPECT_EQ(snapshot.timeout, std::chrono::minutes(10));
  EXPECT_EQ(snapshot.expect.flags,
            (std::map<std::string, bool>{{"clean_teardown", false}, {"no_secret_leak", true}}));
  EXPECT_EQ(snapshot.expect.tiers.back(), (std::pair<std::string, Status>{"custom", Status::skip}));

  const CanarySpec& healthy = *suite.files[2].spec;
  EXPECT_EQ(healthy.id, "healthy-html");
  EXPECT_EQ(healthy.sha, "3f786850e387550fdab836ed7e6dc881de23001b");
  EXPECT_EQ(healthy.expect.level, 5);
  EXPECT_EQ(healthy.labels, std::vector<std::string>{"canary_fast"});
  EXPECT_EQ(healthy.hash.substr(0, 8), "fnv1a64:");
  EXPECT_EQ(healthy.hash.size(), 24u);
}

TEST(SampleSpecs, BadOnesReportEveryError) {
  const std::string bad = kData + "/bad";
  const Suite suite = load_suite({bad});
  EXPECT_FALSE(suite.ok());
  for (const SpecFile& file : suite.files) EXPECT_FALSE(file.spec.has_value()) << file.path;
  EXPECT_THAT(
      formatted(suite.all_diagnostics()),
      ElementsAre(
          bad + "/not-a-spec.yaml:1:1: error: a spec must be a map of keys, not a list",
          bad +
              "/toothless-red.yaml:8:3: error: a red canary must name a test that must fail in a "
              "tier listed as fail ('backup'), or it cannot tell a caught bug from a deleted guard",
          bad + "/toothless-red.yaml:11:1: error: duplicate key 'recipe' (first at line 2)",
          bad + "/typos.yaml:4:1: error: unknown key 'timout' (did you mean 'timeout'?)",
          bad + "/typos.yaml:6:13: error: unknown tier 'restor' (did you mean 'restore'?)",
          bad +
              "/typos.yaml:7:35: error: unknown status 'failed' for tier 'restore' (expected pass, "
              "fail, skip, na, error, unver or not_run)"));
}

}  // namespace
}  // namespace canary
