// Each scrubber on text it must change and on text it must leave alone.
#include "support/scrub.hpp"

#include <gtest/gtest.h>

namespace canary::testing {
namespace {

TEST(ScrubPath, ReplacesEveryOccurrenceOfTheDir) {
  EXPECT_EQ(scrub_path("lint /work/c/tests/x.yaml and /work/c/y", "/work/c", "<src>"),
            "lint <src>/tests/x.yaml and <src>/y");
}

TEST(ScrubPath, LeavesOtherPathsAndAnEmptyDirAlone) {
  EXPECT_EQ(scrub_path("/work/d/x and work/c", "/work/c", "<src>"), "/work/d/x and work/c");
  EXPECT_EQ(scrub_path("/work/c", "", "<src>"), "/work/c");
}

TEST(ScrubPath, APlaceholderHoldingTheDirIsNotReplacedAgain) {
  EXPECT_EQ(scrub_path("a a", "a", "[a]"), "[a] [a]");
}

TEST(ScrubRunIds, ReplacesStampPidAndRandomPartKeepingTheCanaryId) {
  EXPECT_EQ(scrub_run_ids("running healthy-20261122T024919Z-31262-09a0d788 now"),
            "running healthy-<run> now");
}

TEST(ScrubRunIds, LeavesIdsThatAreNotRunIdsAlone) {
  for (const std::string text : {"healthy-20261122-31262-09a0d788", "run_id: r1",
                                 "sha dda6a47d1f07942d51eeaaebde1600ed5d74bc4c"}) {
    EXPECT_EQ(scrub_run_ids(text), text);
  }
}

TEST(ScrubDurations, ReplacesMeasuredSecondsAndRecordedDurations) {
  EXPECT_EQ(scrub_durations("PASS (0.42s), took 12.5s"), "PASS (<t>s), took <t>s");
  EXPECT_EQ(scrub_durations(R"({"duration_s": 1.5e-05, "x": 1})"),
            R"({"duration_s": <t>, "x": 1})");
}

TEST(ScrubDurations, LeavesWholeSecondsAndOtherNumbersAlone) {
  for (const std::string text :
       {"timeout: 30s", "version 1.5", "1.5 s", "1.5sec", "\"duration\": 2"}) {
    EXPECT_EQ(scrub_durations(text), text);
  }
}

TEST(ScrubTimestamps, ReplacesUtcTimesWithAndWithoutFractions) {
  EXPECT_EQ(scrub_timestamps("started 2026-11-22T02:49:19Z, ended 2026-11-22T02:49:20.125Z"),
            "started <time>, ended <time>");
}

TEST(ScrubTimestamps, LeavesDatesAndCompactStampsAlone) {
  for (const std::string text : {"2026-11-22", "20261122T024919Z", "2026-11-22T02:49:19+01:00"}) {
    EXPECT_EQ(scrub_timestamps(text), text);
  }
}

TEST(ScrubPids, ReplacesTheNumberAfterPid) {
  EXPECT_EQ(scrub_pids("left behind: pid 4242, pid 7"), "left behind: pid <pid>, pid <pid>");
}

TEST(ScrubPids, LeavesOtherNumbersAlone) {
  for (const std::string text : {"exit 42", "pids 4242", "rapid 12", "pid x1"}) {
    EXPECT_EQ(scrub_pids(text), text);
  }
}

TEST(Scrubber, PathsInTheOrderGivenThenEachScrubberThatIsOn) {
  Scrubber scrub;
  scrub.paths = {{"/src/tests/data", "<data>"}, {"/src", "<src>"}};
  const std::string text =
      "/src/tests/data/a.yaml /src/b pid 9 x-20261122T024919Z-1-0123abcd 0.5s 2026-01-01T00:00:00Z";
  EXPECT_EQ(scrub(text), "<data>/a.yaml <src>/b pid <pid> x-<run> <t>s <time>");
  scrub.timestamps = false;
  scrub.durations = false;
  scrub.run_ids = false;
  scrub.pids = false;
  EXPECT_EQ(scrub(text),
            "<data>/a.yaml <src>/b pid 9 x-20261122T024919Z-1-0123abcd 0.5s 2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace canary::testing
