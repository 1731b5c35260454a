// Reads canary-run.json records tolerantly: a report of old or newer records beats none.
#include <canary/report.hpp>
#include <canary/results_parser.hpp>
#include <canary/run_index.hpp>
#include <canary/safe_file.hpp>
#include <canary/status.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace canary {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kRecordFile = "canary-run.json";

std::string string_at(const Json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_string(const Json& json, const char* key) {
  const auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The `matrix` block the runner writes: {"expect": "...", "tiers": [{tier, expected, actual}]}.
void read_matrix(const Json& json, ReportEntry& entry) {
  const auto matrix = json.find("matrix");
  if (matrix == json.end() || !matrix->is_object()) return;
  entry.expect = string_at(*matrix, "expect");
  const auto tiers = matrix->find("tiers");
  if (tiers == matrix->end() || !tiers->is_array()) return;
  for (const Json& item : *tiers) {
    if (!item.is_object() || string_at(item, "tier").empty()) continue;
    entry.tiers.push_back(
        {string_at(item, "tier"), optional_string(item, "expected"), optional_string(item, "actual")});
  }
}

// Records older than the matrix block: the tiers the harness reported, nothing expected.
void read_results_tiers(const fs::path& dir, ReportEntry& entry) {
  const fs::path results = dir / "results.json";
  if (!fs::exists(results)) return;
  const ParsedResults parsed = parse_results_file(results.string());
  if (!parsed.ok()) return;
  for (const TierResult& tier : parsed.result.tiers) {
    entry.tiers.push_back({tier.name, std::nullopt, std::string(to_string(tier.status))});
  }
}

// Extra information newer runners record (`flaky`, `interrupted`), shown as text.
std::string note_of(const Json& json) {
  std::string note;
  for (const char* key : {"flaky", "interrupted"}) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null() || (it->is_boolean() && !it->get<bool>())) continue;
    const std::string text = it->is_string() ? it->get<std::string>()
                             : it->is_boolean() ? std::string("yes")
                                                : it->dump(-1, ' ', false, Json::error_handler_t::replace);
    note += (note.empty() ? "" : "; ") + std::string(key) + ": " + text;
  }
  return note;
}

std::string read_entry(const fs::path& path, ReportEntry& entry, const std::string& text) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return path.string() + ": not a JSON object";
  entry.canary = string_at(json, "canary");
  entry.outcome = string_at(json, "outcome");
  if (entry.canary.empty()) return path.string() + ": no canary id (key 'canary')";
  if (entry.outcome.empty()) return path.string() + ": no outcome (key 'outcome')";
  entry.dir = path.parent_path().string();
  entry.started = string_at(json, "started");
  entry.run_id = string_at(json, "run_id");
  entry.profile = string_at(json, "profile");
  entry.profile_path = string_at(json, "profile_path");
  if (const auto it = json.find("secrets"); it != json.end() && it->is_array()) {
    for (const Json& name : *it) {
      if (name.is_string()) entry.secret_names.push_back(name.get<std::string>());
    }
  }
  entry.signal = string_at(json, "signal");
  if (const auto it = json.find("duration_s"); it != json.end() && it->is_number()) {
    entry.duration_s = it->get<double>();
  }
  if (const auto it = json.find("attempts"); it != json.end() && it->is_number_integer()) {
    entry.attempts = it->get<int>();
  }
  if (const auto it = json.find("exit_code"); it != json.end() && it->is_number_integer()) {
    entry.exit_code = it->get<int>();
  }
  if (const auto it = json.find("timed_out"); it != json.end() && it->is_boolean()) {
    entry.timed_out = it->get<bool>();
  }
  if (const auto it = json.find("findings"); it != json.end() && it->is_array()) {
    for (const Json& item : *it) {
      if (!item.is_object()) continue;
      entry.findings.push_back(
          {string_at(item, "check"), string_at(item, "expected"), string_at(item, "actual")});
    }
  }
  entry.note = note_of(json);
  read_matrix(json, entry);
  if (entry.tiers.empty()) read_results_tiers(path.parent_path(), entry);
  return "";
}

// Later attempts replace earlier ones: by start time, then by attempt number. A record the
// index does not vouch for wins over every trusted one, so a forgery is seen, never hidden.
bool later(const ReportEntry& a, const ReportEntry& b) {
  if (a.untrusted != b.untrusted) return a.untrusted;
  if (a.started != b.started) return a.started > b.started;
  return a.attempts > b.attempts;
}

}  // namespace

OutcomeClass classify_outcome(const std::string& outcome) {
  if (outcome == "PASS" || outcome == "XFAIL") return OutcomeClass::pass;
  if (outcome == "FLAKY") return OutcomeClass::flaky;
  if (outcome == "TOOL_ERROR") return OutcomeClass::error;
  return OutcomeClass::fail;  // MISMATCH, XPASS and any word this build does not know
}

std::string_view to_string(OutcomeClass klass) {
  switch (klass) {
    case OutcomeClass::pass: return "pass";
    case OutcomeClass::flaky: return "flaky";
    case OutcomeClass::fail: return "fail";
    case OutcomeClass::error: return "error";
  }
  return "fail";
}

const ReportEntry* ReportNight::find(const std::string& canary) const {
  for (const ReportEntry& entry : entries) {
    if (entry.canary == canary) return &entry;
  }
  return nullptr;
}

LoadedNight load_night(const std::vector<std::string>& roots) {
  LoadedNight out;
  std::map<std::string, ReportEntry> latest;
  for (const std::string& root : roots) {
    out.night.label += (out.night.label.empty() ? "" : " + ") + root;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      out.error = root + ": not a directory";
      return out;
    }
    std::vector<fs::path> records;
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == kRecordFile && it->is_regular_file()) records.push_back(it->path());
    }
    if (ec) {
      out.error = root + ": cannot read: " + ec.message();
      return out;
    }
    std::sort(records.begin(), records.end());
    const IndexView index = load_index(root);
    for (const fs::path& path : records) {
      ReportEntry entry;
      const FileText file = read_regular_file(path.string(), kMaxRecordBytes);
      std::string error = file.ok() ? read_entry(path, entry, file.text) : path.string() + ": " + file.error;
      if (!error.empty()) {
        // One broken record is that one row's tool error; the rest of the report still stands.
        entry = ReportEntry{};
        entry.canary = relative_to_root(root, path.string());
        entry.outcome = "TOOL_ERROR";
        entry.dir = path.parent_path().string();
        entry.findings.push_back({"record", "a readable canary-run.json", error});
        out.broken.push_back(std::move(error));
      } else if (const Trust trust = trust_of(index, path.string(), file.text);
                 trust != Trust::trusted) {
        entry.findings.insert(entry.findings.begin(),
                              {"record", "a canary-run.json Canary wrote",
                               std::string(describe(trust)) + " (it said " + entry.outcome + ")"});
        entry.outcome = "UNTRUSTED";
        entry.untrusted = true;
      }
      auto [slot, inserted] = latest.try_emplace(entry.canary, entry);
      if (!inserted && later(entry, slot->second)) slot->second = std::move(entry);
    }
  }
  if (latest.empty()) {
    out.error = out.night.label + ": no " + kRecordFile + " found (is this an artifact root?)";
    return out;
  }
  for (auto& [canary, entry] : latest) {
    if (!entry.started.empty() && (out.night.date.empty() || entry.started < out.night.date)) {
      out.night.date = entry.started;
    }
    out.night.entries.push_back(std::move(entry));
  }
  return out;
}

std::optional<std::size_t> broken_since(const std::vector<ReportNight>& nights,
                                        const std::string& canary) {
  std::optional<std::size_t> since;
  for (std::size_t i = nights.size(); i-- > 0;) {
    const ReportEntry* entry = nights[i].find(canary);
    if (!entry) break;
    const OutcomeClass klass = entry->klass();
    if (klass != OutcomeClass::fail && klass != OutcomeClass::error) break;
    since = i;
  }
  return since;
}

}  // namespace canary
