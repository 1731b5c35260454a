#pragma once
// A canary: a recipe pinned at a SHA and the verdict a correct harness must report for it.

#include <canary/status.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace canary {

// A 1-based line and column in a spec file; 0 when unknown.
struct SourcePlace {
  int line = 0;
  int column = 0;
  bool operator==(const SourcePlace&) const = default;
};

// Where an expectation is written, for compiler-form messages; empty for hand-built specs.
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  bool known() const { return !file.empty() && line > 0; }
  bool operator==(const SourceLocation&) const = default;
};

// `{tier: backup, name: test_backup_*, status: fail}`: a named test that must have run.
struct TestExpectation {
  std::string tier;
  std::string name;  // exact name or a glob with * ? and [...]
  Status status = Status::pass;
};

struct Expectation {
  std::optional<Color> verdict;  // `fails_at` implies red; the loader fills it in
  std::optional<int> exit_code;
  std::optional<std::string> fails_at;
  std::vector<std::pair<std::string, Status>> tiers;  // in the order the spec lists them
  std::optional<int> level;
  std::map<std::string, bool> flags;  // the loader adds every kStandardFlags entry as true
  std::vector<std::string> named_flags;  // the flags the spec itself names, in its order
  std::vector<TestExpectation> tests;
};

// A known harness bug: the canary passes while its expectations are NOT met (strict XFAIL).
struct XFail {
  std::string bug;
  std::string reason;
};

// A canary known to flake: a MISMATCH is re-run up to `reruns` times to confirm it. A rerun
// that also mismatches confirms it (MISMATCH, the canary fails); a rerun that passes makes the
// outcome FLAKY (not a failure, but reported). `bug` tracks the flake (required, e.g. a URL).
struct Flaky {
  std::string bug;
  int reruns = 1;  // 1..10
};

struct CanarySpec {
  std::string id;
  std::string about;
  std::string recipe;
  std::string ref;
  std::string sha;
  std::vector<std::string> labels;  // extra CTest labels; `canary` is implied
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::string harness;  // profile name; empty means the default profile
  Expectation expect;
  std::optional<XFail> xfail;
  std::optional<Flaky> flaky;

  std::string path;  // the YAML file it came from
  std::string hash;  // "fnv1a64:<16 hex>" of the file's bytes: an identity, not security
  // Where each expectation is written, keyed like Finding::check ("verdict", "exit_code",
  // "level", "tier backup", "flag clean_teardown", "test backup/test_*") and by every top-level
  // key ("recipe", "sha", "xfail", ...). Implied expectations point at what implies them: the
  // tiers before `fails_at` and a red verdict at `fails_at`, default flags at `expect`.
  std::map<std::string, SourcePlace> places;
};

// The file:line:col of `key` in spec.places; empty when the spec has no file or no such key.
SourceLocation locate(const CanarySpec& spec, const std::string& key);

// The tier statuses a spec demands, with `fails_at` expanded: every standard tier before it
// must pass and it must fail. Explicit `tiers` entries come after and win on a clash (the
// loader reports a clash as an error, so this only matters for hand-built specs).
std::vector<std::pair<std::string, Status>> expected_tiers(const CanarySpec& spec);

// The verdict the spec implies: explicit `verdict`, else red with `fails_at`, else nullopt.
std::optional<Color> expected_color(const CanarySpec& spec);

}  // namespace canary
