#pragma once
// canary-run.json: the record every run leaves in its artifact dir.

#include <canary/safe_file.hpp>
#include <canary/tier_table.hpp>
#include <canary/verdict.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace canary {

// A `flaky` canary's confirmation runs: the first run that mismatched, then each rerun.
struct FlakeRun {
  std::string run_id;
  Outcome outcome = Outcome::tool_error;
  bool operator==(const FlakeRun&) const = default;
};
struct FlakeRecord {
  std::string bug;
  int reruns = 0;              // the most the spec allows
  std::vector<FlakeRun> runs;  // in order; the first is the mismatch being confirmed
  bool operator==(const FlakeRecord&) const = default;
};

// Everything canary-run.json says about one attempt.
struct RunRecord {
  std::string canary;
  std::string spec_path;
  std::string spec_hash;
  std::string profile;
  std::string profile_path;               // the profile file, for a cold reader's masking
  std::vector<std::string> secret_names;  // the profile's `secrets:`: names, never values
  std::vector<std::string> command;
  std::string run_id;
  std::string artifact_dir;
  std::string started;           // ISO 8601 UTC
  std::string finished;          // ISO 8601 UTC
  std::optional<int> exit_code;  // null when killed
  std::optional<std::string> signal;
  bool timed_out = false;
  int attempts = 1;  // this attempt's number, counting from 1
  Outcome outcome = Outcome::tool_error;
  std::vector<Finding> findings;
  double duration_s = 0;
  // For reports, the "matrix" block: what the canary expects ("RED at backup") and, per tier,
  // the status it expects and the one the harness reported. Empty in older records.
  std::string expect;
  std::vector<TierCell> tiers;
  std::optional<std::string> interrupted;  // "SIGINT"/"SIGTERM" when Canary itself was stopped
  std::optional<FlakeRecord> flaky;        // on the last record of a `flaky` canary's reruns
  // Processes Canary killed after the harness ended (left in its group, or escaped with
  // setsid), and the first few command lines, masked: Canary's own evidence of a dirty teardown.
  int strays = 0;
  std::vector<std::string> stray_commands;
};

inline constexpr const char* kRunRecordFile = "canary-run.json";

std::string to_json(const RunRecord& record);

// Writes `<dir>/canary-run.json` atomically (temp file + rename). Returns an error message or "".
// `dir` is opened without following a symlink and the file is created O_EXCL under a name the
// harness cannot predict, then renamed: a planted symlink redirects nothing.
std::string write_record(const std::string& dir, const RunRecord& record);

// Writes `text` as canary-run.json through a directory Canary opened (see safe_file.hpp).
std::string write_record_text(const DirHandle& dir, const std::string& shown,
                              const std::string& text);

// How much of the record format a reader insists on. strict: every key Canary writes (records
// without the newer optional keys `matrix`, `interrupted`, `flaky`, `strays` included); for
// records Canary itself just wrote. tolerant: any key may be missing (listed in `missing`), as in
// records of older Canarys or other tools; a key that is there must still have its type.
enum class RecordMode { strict, tolerant };

struct ParsedRecord {
  RunRecord record;
  std::string error;
  std::vector<std::string> missing;  // tolerant mode: the keys Canary writes that were absent
  bool has_exit_code = false;        // the record has an `exit_code` key (null counts)
  // `outcome` as written. Tolerant mode takes words this build does not know (a newer Canary's);
  // `record.outcome` then stays TOOL_ERROR, and reports class the word as a failure.
  std::string outcome_word;
  // Tolerant mode: `flaky` or `interrupted` present in a shape this build cannot read, as JSON.
  std::map<std::string, std::string> unread;
  std::string sha256;  // of the bytes read, for the run index's digest (when they could be read)
  bool ok() const { return error.empty(); }
};

// The one reader of canary-run.json. Trailing bytes after the document (a NUL included) are an
// error with their byte offset; unknown keys, at the top or in findings, are ignored.
ParsedRecord read_record_file(const std::string& path, RecordMode mode = RecordMode::strict);

// What `canary verify` judges by, tolerantly: the keys it never reads (findings, command,
// flaky, ...) are skipped unparsed into values but still count as present. The matrix is read,
// for verify's table (recorded_matrix).
ParsedRecord read_record_for_verdict(const std::string& path);

// A run's canary x tier matrix: what the canary expected ("RED at backup") and, per tier, the
// status expected and the one reported.
struct RunMatrix {
  std::string expect;  // "" for a record older than the matrix block
  std::vector<TierCell> cells;
};

// The matrix of the run `record` records, as Canary recorded it when it judged the run: its
// `matrix` block; for a record older than that block, the tiers results.json in `dir` reports,
// nothing expected (none when it cannot be read). Every view of a recorded run takes its matrix
// from here: `canary report`, the CTest summary (`canary verify --latest --table`) and
// canary-gtest's table, so no two of them can show one run two ways.
RunMatrix recorded_matrix(const RunRecord& record, const std::string& dir);

}  // namespace canary
