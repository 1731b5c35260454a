#include <canary/run_record.hpp>

#include <canary/safe_file.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include <unistd.h>

namespace canary {
namespace {

using Json = nlohmann::ordered_json;

Json finding_json(const Finding& finding) {
  Json out{{"check", finding.check}, {"expected", finding.expected}, {"actual", finding.actual}};
  const SourceLocation& at = finding.location;
  if (at.known()) out["location"] = {{"file", at.file}, {"line", at.line}, {"column", at.column}};
  return out;
}

}  // namespace

std::string to_json(const RunRecord& record) {
  Json findings = Json::array();
  for (const auto& finding : record.findings) findings.push_back(finding_json(finding));
  Json json;
  json["canary"] = record.canary;
  json["spec_path"] = record.spec_path;
  json["spec_hash"] = record.spec_hash;
  json["profile"] = record.profile;
  json["profile_path"] = record.profile_path;
  json["secrets"] = record.secret_names;  // names only: a cold reader masks from its own values
  json["command"] = record.command;
  json["run_id"] = record.run_id;
  json["artifact_dir"] = record.artifact_dir;
  json["started"] = record.started;
  json["finished"] = record.finished;
  json["duration_s"] = std::round(record.duration_s * 1000.0) / 1000.0;  // milliseconds
  json["exit_code"] = record.exit_code ? Json(*record.exit_code) : Json(nullptr);
  json["signal"] = record.signal ? Json(*record.signal) : Json(nullptr);
  json["timed_out"] = record.timed_out;
  json["attempts"] = record.attempts;
  json["outcome"] = std::string(to_string(record.outcome));
  json["findings"] = std::move(findings);
  Json tiers = Json::array();
  for (const TierCell& cell : record.tiers) {
    tiers.push_back({{"tier", cell.tier},
                     {"expected", cell.expected ? Json(to_string(*cell.expected)) : Json(nullptr)},
                     {"actual", cell.actual ? Json(to_string(*cell.actual)) : Json(nullptr)}});
  }
  json["matrix"] = Json{{"expect", record.expect}, {"tiers", std::move(tiers)}};
  json["interrupted"] = record.interrupted ? Json(*record.interrupted) : Json(nullptr);
  if (record.flaky) {
    Json runs = Json::array();
    for (const FlakeRun& run : record.flaky->runs) {
      runs.push_back(Json{{"run_id", run.run_id}, {"outcome", std::string(to_string(run.outcome))}});
    }
    json["flaky"] = Json{{"bug", record.flaky->bug},
                         {"reruns", record.flaky->reruns},
                         {"runs", std::move(runs)}};
  } else {
    json["flaky"] = nullptr;
  }
  json["strays"] = Json{{"count", record.strays}, {"commands", record.stray_commands}};
  // Replacement, not an exception, for bytes a harness put in a finding that are not UTF-8.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string write_record(const std::string& dir, const RunRecord& record) {
  std::string error;
  const DirHandle handle = DirHandle::open(dir, &error);
  if (!handle.valid()) return "cannot write " + std::string(kRunRecordFile) + ": " + error;
  return write_record_text(handle, dir, to_json(record));
}

std::string write_record_text(const DirHandle& dir, const std::string& shown,
                              const std::string& text) {
  return write_file_at(dir, shown, kRunRecordFile, text);
}

}  // namespace canary
