#pragma once
// The one set of scrubbers for output compared with golden files: each replaces what differs
// from run to run, or from machine to machine, with a placeholder, and leaves the rest alone.

#include <string>
#include <utility>
#include <vector>

namespace canary::testing {

// Every occurrence of `from` in `text` becomes `to`, left to right; replacements are not
// searched again.
void replace_all(std::string& text, const std::string& from, const std::string& to);

// Every occurrence of an absolute path (a temp dir, a data dir, the source tree, the bin dir):
// "/work/canary/tests/x" with dir "/work/canary" and placeholder "<src>" gives "<src>/tests/x".
std::string scrub_path(std::string text, const std::string& dir, const std::string& placeholder);
// A run id's stamp, pid and random part: "healthy-20261122T024919Z-31262-09a0d788" gives
// "healthy-<run>" (the canary id stays).
std::string scrub_run_ids(std::string text);
// Measured durations: "1.25s" gives "<t>s", and a record's "duration_s": 0.5 gives
// "duration_s": <t>. Whole seconds ("30s", a spec's timeout) stay.
std::string scrub_durations(std::string text);
// ISO 8601 UTC times: "2026-11-22T02:49:19Z" and "2026-11-22T02:49:19.123Z" give "<time>".
std::string scrub_timestamps(std::string text);
// Process ids as Canary names them: "pid 4242" gives "pid <pid>".
std::string scrub_pids(std::string text);

// The scrubbers a suite applies to its transcripts: its paths, in the order given (so a dir
// inside another one comes first), then pids, run ids, durations and timestamps, each of which a
// suite may turn off when the golden files hold such text on purpose.
struct Scrubber {
  std::vector<std::pair<std::string, std::string>> paths;  // {dir, placeholder}
  bool pids = true;
  bool run_ids = true;
  bool durations = true;
  bool timestamps = true;

  std::string operator()(std::string text) const;
};

}  // namespace canary::testing
