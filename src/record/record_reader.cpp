// The one reader of canary-run.json, for `canary verify`, `canary report`, `canary new` and the
// runner's tests (the record library, which all of them link).
#include <canary/run_record.hpp>

#include <canary/run_index.hpp>

#include <nlohmann/json.hpp>

#include "results/fast_sax.hpp"

#include <cerrno>
#include <cstring>
#include <limits>
#include <set>
#include <string_view>

namespace canary {
namespace {

using Json = nlohmann::ordered_json;
using DomParser = nlohmann::detail::json_sax_dom_parser<Json>;

// Keys verify never judges by: skipped unparsed into values, so a cold verify of many dirs
// does not pay for building findings it throws away. Not `matrix`: verify's table shows it.
bool unread_by_verify(std::string_view key) {
  return key == "findings" || key == "command" || key == "flaky" ||
         key == "spec_path" || key == "profile" || key == "artifact_dir" || key == "finished" ||
         key == "duration_s";
}

// Passes SAX events to the DOM builder, except the values of skipped top-level keys, whose
// names it keeps. Nested values of a skipped key are dropped whole.
class SkippingSax {
 public:
  SkippingSax(DomParser& dom, bool skip) : dom_(dom), skip_(skip) {}
  const std::set<std::string>& skipped() const { return skipped_; }

  bool null() { return skipping() ? done_scalar() : dom_.null(); }
  bool boolean(bool v) { return skipping() ? done_scalar() : dom_.boolean(v); }
  bool number_integer(std::int64_t v) { return skipping() ? done_scalar() : dom_.number_integer(v); }
  bool number_unsigned(std::uint64_t v) {
    return skipping() ? done_scalar() : dom_.number_unsigned(v);
  }
  bool number_float(double v, const std::string& s) {
    return skipping() ? done_scalar() : dom_.number_float(v, s);
  }
  bool string(std::string& v) { return skipping() ? done_scalar() : dom_.string(v); }
  bool binary(Json::binary_t& v) { return skipping() ? done_scalar() : dom_.binary(v); }
  bool key(std::string& name) {
    if (skip_depth_ > 0) return true;
    if (depth_ == 1 && skip_ && unread_by_verify(name)) {
      skipped_.insert(name);
      pending_skip_ = true;
      return true;
    }
    return dom_.key(name);
  }
  bool start_object(std::size_t n) { return open() ? true : (++depth_, dom_.start_object(n)); }
  bool start_array(std::size_t n) { return open() ? true : (++depth_, dom_.start_array(n)); }
  bool end_object() { return close() ? true : (--depth_, dom_.end_object()); }
  bool end_array() { return close() ? true : (--depth_, dom_.end_array()); }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) {
    return dom_.parse_error(position, token, error);
  }

 private:
  bool skipping() const { return pending_skip_ || skip_depth_ > 0; }
  bool done_scalar() {
    pending_skip_ = false;
    return true;
  }
  // True when the container belongs to a skipped value.
  bool open() {
    if (!skipping()) return false;
    pending_skip_ = false;
    ++skip_depth_;
    return true;
  }
  bool close() {
    if (skip_depth_ == 0) return false;
    --skip_depth_;
    return true;
  }

  DomParser& dom_;
  bool skip_;
  int depth_ = 0;
  int skip_depth_ = 0;
  bool pending_skip_ = false;
  std::set<std::string> skipped_;
};

// Reads one key of the record, naming it in the error when it is missing or of the wrong type.
// In tolerant mode a missing key is noted instead (top-level keys only).
class RecordReader {
 public:
  RecordReader(const Json& object, std::string path, std::string prefix = "",
               std::vector<std::string>* missing = nullptr)
      : object_(object), path_(std::move(path)), prefix_(std::move(prefix)), missing_(missing) {}

  const std::string& error() const { return error_; }

  const Json* get(const char* key, bool (Json::*is_type)() const, const char* type_name,
                  bool nullable = false) {
    if (!error_.empty()) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end()) {
      if (missing_ != nullptr) {
        missing_->push_back(prefix_ + key);
      } else {
        error_ = path_ + ": missing key '" + prefix_ + key + "'";
      }
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
  std::vector<std::string>* missing_;
  std::string error_;
};

// "path: trailing bytes ..." when the text holds more than one JSON document; else "".
std::string trailing_bytes(std::string_view text) {
  if (const auto nul = text.find('\0');
      nul != std::string_view::npos && Json::accept(text.substr(0, nul))) {
    return results_detail::nul_byte_message(nul, true);
  }
  try {
    const Json ignored = Json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann's byte is one past the first byte it could not take: here, where the next begins.
    if (std::string_view(error.what()).find("; expected end of input") != std::string_view::npos) {
      return "trailing bytes after the JSON document at byte offset " +
             std::to_string(error.byte == 0 ? 0 : error.byte - 1);
    }
  } catch (const nlohmann::json::exception&) {
    // Not a parse error (say a number overflow, 1e999): just not valid JSON, never an abort.
  }
  return "";
}

// The record as a JSON document (discarded when not valid JSON): the fast path first, then
// nlohmann's parser from scratch for anything the fast path leaves alone.
Json parse_record_text(std::string_view text, bool skip, std::set<std::string>& skipped) {
  {
    Json json;
    DomParser dom(json, /*allow_exceptions=*/false);
    SkippingSax sax(dom, skip);
    if (results_detail::fast_sax_parse(text, sax) == results_detail::FastSax::accepted) {
      skipped = sax.skipped();
      return json;
    }
  }
  Json json;
  DomParser dom(json, /*allow_exceptions=*/false);
  SkippingSax sax(dom, skip);
  if (!Json::sax_parse(text.begin(), text.end(), &sax) || json.is_discarded()) {
    return Json(Json::value_t::discarded);
  }
  skipped = sax.skipped();
  return json;
}

// The optional "location" of a finding; read tolerantly, as older records have none.
SourceLocation location_of(const Json& finding) {
  const auto at = finding.find("location");
  if (at == finding.end() || !at->is_object()) return {};
  const auto file = at->find("file"), line = at->find("line"), column = at->find("column");
  if (file == at->end() || !file->is_string() || line == at->end() ||
      !line->is_number_integer() || column == at->end() || !column->is_number_integer()) {
    return {};
  }
  return {file->get<std::string>(), line->get<int>(), column->get<int>()};
}

void read_findings(const std::string& path, RecordReader& reader,
                   RunRecord& r, std::string& error) {
  const Json* findings = reader.get("findings", &Json::is_array, "an array");
  if (findings == nullptr) return;
  for (std::size_t i = 0; i < findings->size() && reader.error().empty(); ++i) {
    const Json& item = (*findings)[i];
    const std::string where = "findings[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      reader.fail("key '" + where + "' must be an object");
      return;
    }
    Finding finding;  // keys other than these (added by newer Canarys) are ignored
    RecordReader item_reader(item, path, where + ".");
    item_reader.string("check", finding.check);
    item_reader.string("expected", finding.expected);
    item_reader.string("actual", finding.actual);
    if (!item_reader.error().empty()) {
      error = item_reader.error();
      return;
    }
    finding.location = location_of(item);
    r.findings.push_back(std::move(finding));
  }
}

// The matrix block is for reports and read tolerantly in both modes: older records have none.
void read_matrix(const Json& json, RunRecord& r) {
  const auto matrix = json.find("matrix");
  if (matrix == json.end() || !matrix->is_object()) return;
  if (const auto expect = matrix->find("expect"); expect != matrix->end() && expect->is_string()) {
    r.expect = expect->get<std::string>();
  }
  const auto tiers = matrix->find("tiers");
  if (tiers == matrix->end() || !tiers->is_array()) return;
  for (const Json& item : *tiers) {
    if (!item.is_object() || !item.contains("tier") || !item["tier"].is_string()) continue;
    TierCell cell{item["tier"].get<std::string>(), std::nullopt, std::nullopt};
    auto status = [&item](const char* key) -> std::optional<Status> {
      const auto it = item.find(key);
      if (it == item.end() || !it->is_string()) return std::nullopt;
      // Only an expectation may be not_run; a harness never reports it.
      return std::string_view(key) == "expected" ? parse_tier_expectation(it->get<std::string>())
                                                 : parse_status(it->get<std::string>());
    };
    cell.expected = status("expected");
    cell.actual = status("actual");
    r.tiers.push_back(std::move(cell));
  }
}

std::string read_flaky(const Json& json, const std::string& path, const RecordReader& reader,
                       RunRecord& r) {
  if (!json.contains("flaky") || json["flaky"].is_null() || !reader.error().empty()) return "";
  const Json& flaky = json["flaky"];
  if (!flaky.is_object()) return path + ": key 'flaky' must be an object or null";
  FlakeRecord flake;
  RecordReader flaky_reader(flaky, path, "flaky.");
  flaky_reader.string("bug", flake.bug);
  if (const Json* value = flaky_reader.get("reruns", &Json::is_number_integer, "an integer")) {
    flake.reruns = value->get<int>();
  }
  if (const Json* runs = flaky_reader.get("runs", &Json::is_array, "an array")) {
    for (const Json& item : *runs) {
      const bool ok = item.is_object() && item.contains("run_id") && item["run_id"].is_string() &&
                      item.contains("outcome") && item["outcome"].is_string();
      const auto outcome = ok ? parse_outcome(item["outcome"].get<std::string>()) : std::nullopt;
      if (!outcome) {
        flaky_reader.fail("key 'flaky.runs' must hold {run_id, outcome} objects");
        break;
      }
      flake.runs.push_back({item["run_id"].get<std::string>(), *outcome});
    }
  }
  if (!flaky_reader.error().empty()) return flaky_reader.error();
  r.flaky = std::move(flake);
  return "";
}

// `strays` is optional in both modes: records written before Canary counted them have none.
void read_strays(const Json& json, RecordReader& reader, RunRecord& r) {
  const auto strays = json.find("strays");
  if (strays == json.end() || strays->is_null() || !reader.error().empty()) return;
  const Json* count = strays->is_object() ? &(*strays)["count"] : nullptr;
  if (count == nullptr || !count->is_number_integer() || count->get<std::int64_t>() < 0 ||
      count->get<std::int64_t>() > std::numeric_limits<int>::max()) {
    reader.fail("key 'strays' must be {count: a non-negative integer, commands: [strings]}");
    return;
  }
  r.strays = count->get<int>();
  if (const auto commands = strays->find("commands"); commands != strays->end()) {
    if (!commands->is_array()) {
      reader.fail("key 'strays.commands' must be an array of strings");
      return;
    }
    for (const Json& item : *commands) {
      if (!item.is_string()) {
        reader.fail("key 'strays.commands' must be an array of strings");
        return;
      }
      r.stray_commands.push_back(item.get<std::string>());
    }
  }
}

// Newer optional keys, read tolerantly: where cold masking finds values, and the secrets' names.
void read_masking_keys(const Json& json, RunRecord& r) {
  if (const auto it = json.find("profile_path"); it != json.end() && it->is_string()) {
    r.profile_path = it->get<std::string>();
  }
  if (const auto it = json.find("secrets"); it != json.end() && it->is_array()) {
    for (const Json& name : *it) {
      if (name.is_string()) r.secret_names.push_back(name.get<std::string>());
    }
  }
}

ParsedRecord read_record(const std::string& path, RecordMode mode, bool for_verdict) {
  ParsedRecord out;
  // A FIFO, a device or a symlink in place of the record must not hang, flood or redirect us.
  const FileText file = read_regular_file(path, kMaxRecordBytes);
  if (!file.ok()) {
    out.error = path + ": " + (file.missing ? "cannot read: No such file or directory" : file.error);
    return out;
  }
  const std::string_view text = file.text;
  out.sha256 = sha256_hex(text);
  std::set<std::string> skipped;
  const Json json = parse_record_text(text, for_verdict, skipped);
  if (json.is_discarded()) {
    const std::string trailing = trailing_bytes(text);
    out.error = path + ": " + (trailing.empty() ? std::string("not valid JSON") : trailing);
    return out;
  }
  if (text.find('\0') != std::string_view::npos) {
    out.error = path + ": " + trailing_bytes(text);  // nlohmann stopped at the NUL
    return out;
  }
  if (!json.is_object()) {
    out.error = path + ": expected a JSON object";
    return out;
  }
  RunRecord& r = out.record;
  std::vector<std::string> missing;
  RecordReader reader(json, path, "", mode == RecordMode::tolerant ? &missing : nullptr);
  reader.string("canary", r.canary);
  reader.string("spec_path", r.spec_path);
  reader.string("spec_hash", r.spec_hash);
  reader.string("profile", r.profile);
  read_masking_keys(json, r);
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
  out.has_exit_code = json.contains("exit_code");
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
    out.outcome_word = value->get<std::string>();
    const auto outcome = parse_outcome(out.outcome_word);
    if (outcome) {
      r.outcome = *outcome;
    } else if (mode == RecordMode::strict) {
      reader.fail("key 'outcome' has unknown value '" + value->get<std::string>() + "'");
    }
  }
  read_findings(path, reader, r, out.error);
  if (!out.error.empty()) return out;
  read_matrix(json, r);
  // Tolerant mode keeps what it cannot read of these report-only blocks as text, for reports.
  const bool tolerant = mode == RecordMode::tolerant;
  if (const auto it = json.find("interrupted"); it != json.end() && tolerant && !it->is_null() &&
                                                !it->is_string()) {
    if (!(it->is_boolean() && !it->get<bool>())) {
      out.unread["interrupted"] = it->is_boolean() ? "yes" : it->dump();
    }
  } else if (it != json.end()) {
    if (const Json* value = reader.get("interrupted", &Json::is_string, "a string", true)) {
      r.interrupted = value->get<std::string>();
    }
  }
  if (const std::string error = read_flaky(json, path, reader, r); !error.empty()) {
    if (!tolerant) {
      out.error = error;
      return out;
    }
    // Sorted keys, as reports always showed it.
    out.unread["flaky"] = nlohmann::json::parse(json["flaky"].dump()).dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  read_strays(json, reader, r);
  out.error = reader.error();
  // Keys skipped unparsed were there: they are not missing.
  for (const std::string& key : missing) {
    if (skipped.count(key) == 0) out.missing.push_back(key);
  }
  return out;
}

}  // namespace

ParsedRecord read_record_file(const std::string& path, RecordMode mode) {
  return read_record(path, mode, false);
}

ParsedRecord read_record_for_verdict(const std::string& path) {
  return read_record(path, RecordMode::tolerant, true);
}

}  // namespace canary
