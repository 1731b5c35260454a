#include <canary/report.hpp>
#include <canary/run_index.hpp>
#include <canary/run_record.hpp>
#include <canary/status.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace canary {
namespace {

namespace fs = std::filesystem;
constexpr const char* kRecordFile = "canary-run.json";

// Extra information newer runners record (`flaky`, `interrupted`), shown as text.
std::string note_of(const ParsedRecord& parsed) {
  const RunRecord& record = parsed.record;
  std::string note;
  if (record.flaky) {
    std::string runs;
    for (const FlakeRun& run : record.flaky->runs) {
      runs += (runs.empty() ? "" : ", ") + run.run_id + " " + std::string(to_string(run.outcome));
    }
    note = "flaky: " + record.flaky->bug + " (" + std::to_string(record.flaky->reruns) +
           " reruns: " + runs + ")";
  }
  if (record.interrupted) note += (note.empty() ? "" : "; ") + ("interrupted: " + *record.interrupted);
  for (const auto& [key, text] : parsed.unread) note += (note.empty() ? "" : "; ") + key + ": " + text;
  return note;
}

std::optional<std::string> status_word(const std::optional<Status>& status) {
  if (!status) return std::nullopt;
  return std::string(to_string(*status));
}

// Through the one record reader, tolerantly: a report of old or newer records beats none.
std::string read_entry(const fs::path& path, const ParsedRecord& parsed, ReportEntry& entry) {
  if (!parsed.ok()) return parsed.error;
  const RunRecord& r = parsed.record;
  if (r.canary.empty()) return path.string() + ": no canary id (key 'canary')";
  if (parsed.outcome_word.empty()) return path.string() + ": no outcome (key 'outcome')";
  entry.canary = r.canary;
  entry.outcome = parsed.outcome_word;
  entry.dir = path.parent_path().string();
  entry.started = r.started;
  entry.run_id = r.run_id;
  entry.profile = r.profile;
  entry.profile_path = r.profile_path;
  entry.secret_names = r.secret_names;
  entry.signal = r.signal.value_or("");
  entry.duration_s = r.duration_s;
  entry.attempts = r.attempts;
  entry.exit_code = r.exit_code;
  entry.timed_out = r.timed_out;
  entry.findings = r.findings;
  entry.note = note_of(parsed);
  const RunMatrix matrix = recorded_matrix(r, entry.dir);
  entry.expect = matrix.expect;
  for (const TierCell& cell : matrix.cells) {
    entry.tiers.push_back({cell.tier, status_word(cell.expected), status_word(cell.actual)});
  }
  return "";
}

// Later attempts replace earlier ones: by start time (sub-second when recorded), then by
// attempt number. A `started` that is no time sorts oldest. A record the index does not vouch
// for wins over every trusted one, so a forgery is seen, never hidden.
bool later(const ReportEntry& a, const ReportEntry& b) {
  if (a.untrusted != b.untrusted) return a.untrusted;
  const auto time = [](const ReportEntry& e) {
    return parse_iso_utc_ms(e.started).value_or(std::numeric_limits<std::int64_t>::min());
  };
  if (time(a) != time(b)) return time(a) > time(b);
  return a.attempts > b.attempts;
}

// Runs the index says Canary started and never recorded: killed, or still running. Their dir
// may hold anything the harness left, so only the index is believed about them.
std::vector<ReportEntry> unfinished_runs(const IndexView& index) {
  std::vector<ReportEntry> out;
  for (const IndexEntry& start : index.unfinished()) {
    ReportEntry entry;
    entry.canary = start.canary;
    entry.outcome = "TOOL_ERROR";
    entry.run_id = start.run_id;
    entry.started = start.started;
    entry.dir = (fs::path(index.root) / start.dir).string();
    entry.findings.push_back({"record", "a canary-run.json Canary wrote",
                              "none: Canary started this run and never finished it (killed, or "
                              "still running)"});
    out.push_back(std::move(entry));
  }
  return out;
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
      // Not only regular files: a FIFO or a symlink named so is a broken record, never unseen.
      if (it->path().filename() == kRecordFile && !it->is_directory()) records.push_back(it->path());
    }
    if (ec) {
      out.error = root + ": cannot read: " + ec.message();
      return out;
    }
    std::sort(records.begin(), records.end());
    const IndexView index = load_index(root);
    for (const fs::path& path : records) {
      ReportEntry entry;
      const ParsedRecord parsed = read_record_file(path.string(), RecordMode::tolerant);
      std::string error = read_entry(path, parsed, entry);
      if (!error.empty()) {
        // One broken record is that one row's tool error; the rest of the report still stands.
        entry = ReportEntry{};
        entry.canary = relative_to_root(root, path.string());
        entry.outcome = "TOOL_ERROR";
        entry.dir = path.parent_path().string();
        entry.findings.push_back({"record", "a readable canary-run.json", error});
        out.broken.push_back(std::move(error));
      } else if (const Trust trust = trust_of(index, path.string(), parsed.sha256);
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
    for (ReportEntry& entry : unfinished_runs(index)) {
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
