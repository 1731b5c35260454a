#pragma once
// canary-run.json: the record every run leaves in its artifact dir.

#include <canary/runner.hpp>
#include <canary/safe_file.hpp>

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

struct ParsedRecord {
  RunRecord record;
  std::string error;
  bool ok() const { return error.empty(); }
};
ParsedRecord read_record_file(const std::string& path);

// What `canary verify` needs of a record, and no more: canary, spec_hash, exit_code, signal,
// timed_out and outcome (the other fields stay empty). A record Canary wrote is read without
// building its JSON document; anything else (a missing or mistyped one of these keys, text the
// strict fast path does not take) is read by read_record_file, errors included.
ParsedRecord read_record_verdict_fields(const std::string& path);

}  // namespace canary
