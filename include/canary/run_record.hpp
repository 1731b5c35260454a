#pragma once
// canary-run.json: the record every run leaves in its artifact dir.

#include <canary/runner.hpp>
#include <canary/safe_file.hpp>

#include <map>
#include <string>

namespace canary {

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
// matrix, ...) are skipped unparsed into values but still count as present.
ParsedRecord read_record_for_verdict(const std::string& path);

}  // namespace canary
