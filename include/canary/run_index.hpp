#pragma once
// The runs Canary made under one artifact root, kept outside every run's artifact dir in
// <root>/.canary/index.jsonl: one JSON line per record written (run id, canary, the record's
// path relative to the root, the SHA-256 of its bytes). A record the index does not name, or
// whose bytes differ from the digest, was not written by Canary: UNTRUSTED.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

inline constexpr const char* kIndexDir = ".canary";
inline constexpr const char* kIndexFile = "index.jsonl";

// A record line names `record` and `sha256`; a start line, appended before the harness runs,
// names the artifact `dir` and the time it `started` instead. A start line with no record line
// of its run id is a run Canary never finished (killed, or still running).
struct IndexEntry {
  std::string run_id;
  std::string canary;
  std::string record;  // path of the canary-run.json, relative to the root
  std::string sha256;  // lowercase hex of the record's bytes
  std::string dir;      // start lines: the artifact dir, relative to the root
  std::string started;  // start lines: ISO 8601 UTC
};

std::string sha256_hex(std::string_view bytes);

// `path` relative to `root` (both made absolute and normal first).
std::string relative_to_root(const std::string& root, const std::string& path);

// Appends one line atomically (O_APPEND, one write) to <root>/.canary/index.jsonl, creating
// the dir (0755) and the file (0644) when missing; refuses symlinks, non-regular files and an
// index owned by another user. Returns an error message or "". With a `dir`, a start line.
std::string append_index_entry(const std::string& root, const IndexEntry& entry);

struct IndexView {
  std::string root;
  bool present = false;  // an index file was found
  std::string error;     // it could not be read (then nothing is trusted)
  // The last entry per record path: a rewritten record (a flaky canary's) supersedes.
  std::map<std::string, IndexEntry> by_record;
  std::vector<IndexEntry> entries;  // record lines, in the order written
  std::vector<IndexEntry> starts;   // start lines, in the order written
  // Whether `dir` (relative to the root) is, or is inside, an artifact dir Canary made.
  bool claims(const std::string& dir) const;
  // Start lines whose run id has no record line.
  std::vector<IndexEntry> unfinished() const;
};

// Reads <root>/.canary/index.jsonl with the safe-file rules; a missing index is an empty view.
// Malformed lines are skipped (they name nothing, so they trust nothing). An index (or its dir)
// owned by anyone but root or the reader, or writable by group or others, is an error: it
// could be anyone's forgery, so it vouches for nothing.
IndexView load_index(const std::string& root);

enum class Trust { trusted, unindexed, tampered };
std::string_view describe(Trust trust);  // "indexed", "not named by the index", ...

// Whether the record at `record_path` (absolute, or relative to the working dir), whose bytes
// have the SHA-256 `digest` (lowercase hex), is one the index names with that digest.
Trust trust_of(const IndexView& view, const std::string& record_path, const std::string& digest);

// The nearest ancestor of `dir` (itself included) holding .canary/index.jsonl; "" when none.
std::string find_index_root(const std::string& dir);

// trust_of() against the indexes of the artifact roots above the record, outermost first: the
// first that names the record decides; one that claims a dir above the record (the record sits
// inside a run's artifact dir, where only the harness writes) makes it unindexed, whatever an
// index further in says. Unindexed when there is none.
Trust nearest_index_trust(const std::string& record_path, const std::string& digest);

}  // namespace canary
