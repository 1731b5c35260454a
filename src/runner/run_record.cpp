#include <canary/run_record.hpp>

#include <canary/safe_file.hpp>

#include <nlohmann/json.hpp>

#include "../results/fast_sax.hpp"  // private to Canary: the strict JSON fast path

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

// Reads one key of the record, naming it in the error when it is missing or of the wrong type.
class RecordReader {
 public:
  RecordReader(const Json& object, std::string path, std::string prefix = "")
      : object_(object), path_(std::move(path)), prefix_(std::move(prefix)) {}

  const std::string& error() const { return error_; }

  const Json* get(const char* key, bool (Json::*is_type)() const, const char* type_name,
                  bool nullable = false) {
    if (!error_.empty()) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end()) {
      error_ = path_ + ": missing key '" + prefix_ + key + "'";
      return nullptr;
    }
    if (nullable && it->is_null()) return nullptr;
    if (!((*it).*is_type)()) {
      error_ = path_ + ": key '" + prefix_ + key + "' must be " + type_name +
               (nullable ? " or null" : "");
      return nullptr;
    }
    return &*it;
  }

  void string(const char* key, std::string& out) {
    if (const Json* value = get(key, &Json::is_string, "a string")) out = value->get<std::string>();
  }
  void fail(std::string message) {
    if (error_.empty()) error_ = path_ + ": " + std::move(message);
  }

 private:
  const Json& object_;
  std::string path_;
  std::string prefix_;
  std::string error_;
};

Json finding_json(const Finding& finding) {
  return Json{{"check", finding.check}, {"expected", finding.expected}, {"actual", finding.actual}};
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

namespace {

// The record as a JSON document; discarded when it is not valid JSON. Records are what Canary
// itself wrote, so the results parser's strict fast path (plain ASCII strings, plain numbers)
// takes nearly all of them; anything else goes to nlohmann's parser from scratch. Profiled:
// nlohmann's lexer was most of `canary verify`'s time per recorded dir.
Json parse_record_text(std::string_view text) {
  Json json;
  nlohmann::detail::json_sax_dom_parser<Json> dom(json, /*allow_exceptions=*/false);
  if (results_detail::fast_sax_parse(text, dom) == results_detail::FastSax::accepted) return json;
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// SAX events of a record -> the top-level fields verify needs; false (give up) at the first
// thing it cannot vouch for, so the caller falls back to the full, validating reader.
class VerdictFields {
 public:
  explicit VerdictFields(RunRecord& record) : r_(record) {}

  bool null() { return scalar(Kind::null_value); }
  bool boolean(bool value) {
    bool_ = value;
    return scalar(Kind::boolean);
  }
  bool number_integer(std::int64_t value) {
    integer_ = value;
    return scalar(Kind::integer);
  }
  bool number_unsigned(std::uint64_t value) {
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
    integer_ = static_cast<std::int64_t>(value);
    return scalar(Kind::integer);
  }
  bool number_float(double, const std::string&) { return scalar(Kind::other); }
  bool string(std::string& value) {
    string_ = &value;
    return scalar(Kind::string);
  }
  bool key(std::string& name) {
    if (depth_ == 1) key_ = name;
    return true;
  }
  bool start_object(std::size_t) {
    if (depth_ == 1 && wanted(key_)) return false;  // a wanted key holding an object
    ++depth_;
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) {
    if (depth_ == 0 || (depth_ == 1 && wanted(key_))) return false;
    ++depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool complete() const { return seen_ == kAll; }

 private:
  enum class Kind { null_value, boolean, integer, string, other };
  static constexpr unsigned kAll = 0x3f;
  static bool wanted(const std::string& key) {
    return key == "canary" || key == "spec_hash" || key == "exit_code" || key == "signal" ||
           key == "timed_out" || key == "outcome";
  }
  bool mark(unsigned bit) {
    if (seen_ & bit) return false;  // a duplicate key: let the full reader decide
    seen_ |= bit;
    return true;
  }
  bool scalar(Kind kind) {
    if (depth_ != 1) return depth_ > 1;  // a bare scalar document is not a record
    if (key_ == "canary" || key_ == "spec_hash") {
      if (kind != Kind::string) return false;
      (key_ == "canary" ? r_.canary : r_.spec_hash) = *string_;
      return mark(key_ == "canary" ? 1 : 2);
    }
    if (key_ == "exit_code") {
      if (kind == Kind::integer && integer_ >= std::numeric_limits<int>::min() &&
          integer_ <= std::numeric_limits<int>::max()) {
        r_.exit_code = static_cast<int>(integer_);
      } else if (kind != Kind::null_value) {
        return false;
      }
      return mark(4);
    }
    if (key_ == "signal") {
      if (kind == Kind::string) {
        r_.signal = *string_;
      } else if (kind != Kind::null_value) {
        return false;
      }
      return mark(8);
    }
    if (key_ == "timed_out") {
      if (kind != Kind::boolean) return false;
      r_.timed_out = bool_;
      return mark(16);
    }
    if (key_ == "outcome") {
      const auto outcome = kind == Kind::string ? parse_outcome(*string_) : std::nullopt;
      if (!outcome) return false;
      r_.outcome = *outcome;
      return mark(32);
    }
    return true;
  }

  RunRecord& r_;
  int depth_ = 0;
  std::string key_;
  unsigned seen_ = 0;
  bool bool_ = false;
  std::int64_t integer_ = 0;
  const std::string* string_ = nullptr;
};

}  // namespace

ParsedRecord read_record_verdict_fields(const std::string& path) {
  const FileText file = read_regular_file(path, kMaxRecordBytes);
  if (file.ok()) {
    ParsedRecord out;
    VerdictFields fields(out.record);
    if (results_detail::fast_sax_parse(file.text, fields) == results_detail::FastSax::accepted &&
        fields.complete()) {
      return out;
    }
  }
  return read_record_file(path);  // every error, and records the fast path leaves alone
}

ParsedRecord read_record_file(const std::string& path) {
  ParsedRecord out;
  const FileText file = read_regular_file(path, kMaxRecordBytes);
  if (!file.ok()) {
    out.error = path + ": " + (file.missing ? "cannot read: No such file or directory" : file.error);
    return out;
  }
  const Json json = parse_record_text(file.text);
  if (json.is_discarded()) {
    out.error = path + ": not valid JSON";
    return out;
  }
  if (!json.is_object()) {
    out.error = path + ": expected a JSON object";
    return out;
  }
  RunRecord& r = out.record;
  RecordReader reader(json, path);
  reader.string("canary", r.canary);
  reader.string("spec_path", r.spec_path);
  reader.string("spec_hash", r.spec_hash);
  reader.string("profile", r.profile);
  if (const auto it = json.find("profile_path"); it != json.end() && it->is_string()) {
    r.profile_path = it->get<std::string>();
  }
  if (const auto it = json.find("secrets"); it != json.end() && it->is_array()) {
    for (const Json& name : *it) {
      if (name.is_string()) r.secret_names.push_back(name.get<std::string>());
    }
  }
  if (const Json* command = reader.get("command", &Json::is_array, "an array of strings")) {
    for (const auto& item : *command) {
      if (!item.is_string()) {
        reader.fail("key 'command' must be an array of strings");
        break;
      }
      r.command.push_back(item.get<std::string>());
    }
  }
  reader.string("run_id", r.run_id);
  reader.string("artifact_dir", r.artifact_dir);
  reader.string("started", r.started);
  reader.string("finished", r.finished);
  if (const Json* value = reader.get("duration_s", &Json::is_number, "a number")) {
    r.duration_s = value->get<double>();
  }
  if (const Json* value = reader.get("exit_code", &Json::is_number_integer, "an integer", true)) {
    r.exit_code = value->get<int>();
  }
  if (const Json* value = reader.get("signal", &Json::is_string, "a string", true)) {
    r.signal = value->get<std::string>();
  }
  if (const Json* value = reader.get("timed_out", &Json::is_boolean, "a boolean")) {
    r.timed_out = value->get<bool>();
  }
  if (const Json* value = reader.get("attempts", &Json::is_number_integer, "an integer")) {
    r.attempts = value->get<int>();
  }
  if (const Json* value = reader.get("outcome", &Json::is_string, "a string")) {
    const auto outcome = parse_outcome(value->get<std::string>());
    if (outcome) {
      r.outcome = *outcome;
    } else {
      reader.fail("key 'outcome' has unknown value '" + value->get<std::string>() + "'");
    }
  }
  if (const Json* findings = reader.get("findings", &Json::is_array, "an array")) {
    for (std::size_t i = 0; i < findings->size() && reader.error().empty(); ++i) {
      const Json& item = (*findings)[i];
      const std::string where = "findings[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        reader.fail("key '" + where + "' must be an object");
        break;
      }
      Finding finding;
      RecordReader item_reader(item, path, where + ".");
      item_reader.string("check", finding.check);
      item_reader.string("expected", finding.expected);
      item_reader.string("actual", finding.actual);
      if (!item_reader.error().empty()) {
        out.error = item_reader.error();
        return out;
      }
      r.findings.push_back(std::move(finding));
    }
  }
  // The matrix block is for reports and read tolerantly: older records have none.
  if (const auto matrix = json.find("matrix"); matrix != json.end() && matrix->is_object()) {
    if (const auto expect = matrix->find("expect"); expect != matrix->end() && expect->is_string()) {
      r.expect = expect->get<std::string>();
    }
    if (const auto tiers = matrix->find("tiers"); tiers != matrix->end() && tiers->is_array()) {
      for (const Json& item : *tiers) {
        if (!item.is_object() || !item.contains("tier") || !item["tier"].is_string()) continue;
        TierCell cell{item["tier"].get<std::string>(), std::nullopt, std::nullopt};
        auto status = [&item](const char* key) -> std::optional<Status> {
          const auto it = item.find(key);
          return it != item.end() && it->is_string() ? parse_status(it->get<std::string>())
                                                     : std::nullopt;
        };
        cell.expected = status("expected");
        cell.actual = status("actual");
        r.tiers.push_back(std::move(cell));
      }
    }
  }
  // Optional keys: records written before they existed have neither.
  if (json.contains("interrupted")) {
    if (const Json* value = reader.get("interrupted", &Json::is_string, "a string", true)) {
      r.interrupted = value->get<std::string>();
    }
  }
  if (json.contains("flaky") && !json["flaky"].is_null() && reader.error().empty()) {
    const Json& flaky = json["flaky"];
    if (!flaky.is_object()) {
      reader.fail("key 'flaky' must be an object or null");
    } else {
      FlakeRecord flake;
      RecordReader flaky_reader(flaky, path, "flaky.");
      flaky_reader.string("bug", flake.bug);
      if (const Json* value = flaky_reader.get("reruns", &Json::is_number_integer, "an integer")) {
        flake.reruns = value->get<int>();
      }
      if (const Json* runs = flaky_reader.get("runs", &Json::is_array, "an array")) {
        for (const Json& item : *runs) {
          const bool ok = item.is_object() && item.contains("run_id") &&
                          item["run_id"].is_string() && item.contains("outcome") &&
                          item["outcome"].is_string();
          const auto outcome =
              ok ? parse_outcome(item["outcome"].get<std::string>()) : std::nullopt;
          if (!outcome) {
            flaky_reader.fail("key 'flaky.runs' must hold {run_id, outcome} objects");
            break;
          }
          flake.runs.push_back({item["run_id"].get<std::string>(), *outcome});
        }
      }
      if (!flaky_reader.error().empty()) {
        out.error = flaky_reader.error();
        return out;
      }
      r.flaky = std::move(flake);
    }
  }
  out.error = reader.error();
  return out;
}

}  // namespace canary
