#pragma once
// canary-run.json: the record every run leaves in its artifact dir.

#include <canary/runner.hpp>

#include <string>

namespace canary {

inline constexpr const char* kRunRecordFile = "canary-run.json";

std::string to_json(const RunRecord& record);

// Writes `<dir>/canary-run.json` atomically (temp file + rename). Returns an error message or "".
std::string write_record(const std::string& dir, const RunRecord& record);

struct ParsedRecord {
  RunRecord record;
  std::string error;
  bool ok() const { return error.empty(); }
};
ParsedRecord read_record_file(const std::string& path);

}  // namespace canary
