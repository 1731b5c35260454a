#pragma once
// `canary report`: the canary x tier matrix of one or more nights of recorded runs, as
// Markdown (CI comments), self-contained HTML (browsers) and JUnit XML (CI test pages).

#include <canary/verdict.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

// How a recorded outcome counts in a report. Outcomes this build does not know count as fail.
enum class OutcomeClass { pass, flaky, fail, error };
OutcomeClass classify_outcome(const std::string& outcome);  // "PASS" -> pass, "FLAKY" -> flaky
std::string_view to_string(OutcomeClass klass);             // "pass", "flaky", "fail", "error"

// One tier of one canary: what the canary expected (absent when it does not judge the tier)
// and what the harness reported (absent when it reported nothing). Words as recorded.
struct ReportTier {
  std::string tier;
  std::optional<std::string> expected;
  std::optional<std::string> actual;

  bool matches() const { return !expected || expected == actual; }
};

// One canary in one night: the verdict of its last attempt.
struct ReportEntry {
  std::string canary;
  std::string outcome;  // as recorded: "PASS", "MISMATCH", "FLAKY", ...
  std::string expect;   // "RED at backup"; empty in records older than the matrix block
  std::vector<ReportTier> tiers;
  std::vector<Finding> findings;
  double duration_s = 0;
  int attempts = 1;
  std::optional<int> exit_code;
  std::string signal;
  bool timed_out = false;
  std::string started;
  std::string run_id;
  std::string profile;  // the harness profile's name, as recorded
  std::string note;     // e.g. the runner's `flaky` or `interrupted` information, as text
  std::string dir;      // the artifact dir holding the record, as found on disk
  std::string profile_path;               // as recorded: where cold masking finds env values
  std::vector<std::string> secret_names;  // as recorded: the profile's `secrets:` names
  bool untrusted = false;                 // the run index does not vouch for the record

  OutcomeClass klass() const { return classify_outcome(outcome); }
};

// One night: every canary's last attempt under its artifact roots, sorted by canary id.
struct ReportNight {
  std::string label;  // the roots as given, joined with " + "
  std::string date;   // the earliest `started` of the night, "" when none is recorded
  std::vector<ReportEntry> entries;

  const ReportEntry* find(const std::string& canary) const;
};

// Reads every canary-run.json under the roots (recursively) as ONE night: shards of one run
// are several roots. Of several attempts of a canary the latest started (then the highest
// attempt number) carries the verdict. Returns an error for an unreadable record or none.
struct LoadedNight {
  ReportNight night;
  std::string error;
  std::vector<std::string> broken;  // unreadable records, each also a TOOL_ERROR row
  bool ok() const { return error.empty(); }
};
LoadedNight load_night(const std::vector<std::string>& roots);

struct ReportOptions {
  bool timings = true;   // durations in the output; off for outputs compared across runs
  std::string html_dir;  // where the HTML file lives, for relative artifact links ("" = cwd)
  std::size_t log_tail_lines = 40;
  // Applied to harness log tails before they are escaped (a profile's secrets; see secrets.hpp).
  std::function<std::string(std::string_view)> mask;
};

// `nights` oldest first; every renderer shows the last night's matrix, plus the history.
std::string render_markdown(const std::vector<ReportNight>& nights, const ReportOptions& options);
std::string render_html(const std::vector<ReportNight>& nights, const ReportOptions& options);
std::string render_junit(const ReportNight& night, const ReportOptions& options);

// Index of the first night of the failing streak that reaches the last night, for a canary
// that fails (or errs) in the last night; nullopt when it passes there or is absent.
std::optional<std::size_t> broken_since(const std::vector<ReportNight>& nights,
                                        const std::string& canary);

}  // namespace canary
