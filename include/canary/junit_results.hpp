#pragma once
// Reads JUnit XML reports, one file per tier, into a RunResult. A test's status comes from its
// testcase's child elements, never from count attributes (which dialects omit or get wrong).

#include <canary/results_parser.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace canary {

// One tier's report, `install: junit/install.xml`: a path relative to the artifact dir.
struct JunitTierFile {
  std::string tier;
  std::string path;
  int line = 0;  // where a profile names it, for its messages; 0 when unknown
  int column = 0;
};

// One file read as one tier: `tier.tests` hold every testcase (duplicates merged), `tier.status`
// the tier rule (fail if a test failed, errored or xpassed; skip if every test skipped or there
// is none; else pass). `error` names `source:line` when the file is not a JUnit report.
struct ParsedJunitTier {
  TierResult tier;
  std::string error;

  bool ok() const { return error.empty(); }
};

// Never throws for bad input; `source` starts every message ("junit/install.xml:3: ...").
ParsedJunitTier parse_junit(std::string_view xml, const std::string& source,
                            const std::string& tier);

// Reads each tier's file under `artifact_dir` with results.json's limits (regular file,
// non-blocking open, kMaxResultsFileBytes, UTF-8). An absent file leaves its tier unreported;
// an empty, malformed or oversized one is an error naming file:line, and so is finding no
// file at all. Tiers come out in lifecycle order, then extra tiers in the order given; the
// result has no flags and says so (reports_flags is false).
ParsedResults read_junit_results(const std::string& artifact_dir,
                                 const std::vector<JunitTierFile>& tiers);

// What a profile's `results:` says to read: its JUnit tiers under `artifact_dir` when it has
// some, else the results.json at `results_path` (with `mask` applied as it is decoded).
ParsedResults read_results_for(const std::string& artifact_dir, const std::string& results_path,
                               const std::vector<JunitTierFile>& junit_tiers,
                               const SecretMask& mask);

}  // namespace canary
