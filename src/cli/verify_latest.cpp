// `canary verify --latest`: which run of each canary is the newest, with the run index's word.
#include "verify_latest.hpp"

#include <canary/run_index.hpp>
#include <canary/run_record.hpp>
#include <canary/run_result.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

namespace canary::cli {
namespace fs = std::filesystem;

std::vector<std::string> latest_runs(const std::vector<std::string>& roots,
                                     const std::string& newer_than, std::string& error) {
  std::optional<fs::file_time_type> since;
  if (!newer_than.empty()) {
    std::error_code ec;
    since = fs::last_write_time(newer_than, ec);
    if (ec) {
      error = "--newer-than " + newer_than + ": " + ec.message();
      return {};
    }
  }
  using Key = std::tuple<bool, std::int64_t, int, std::string>;  // (untrusted, started ms, attempt, dir)
  std::map<std::string, Key> newest;
  for (const std::string& root : roots) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      const fs::path record_path = entry.path() / kRunRecordFile;
      std::error_code stat_error;
      const auto written = fs::last_write_time(record_path, stat_error);
      if (stat_error || (since && written < *since)) continue;
      const ParsedRecord parsed = read_record_for_verdict(record_path.string());
      // A record the index does not vouch for (an unreadable one included) sorts last, so it is
      // judged: UNTRUSTED or TOOL_ERROR, never hidden behind an older PASS.
      const bool untrusted = !parsed.ok() ||
                             nearest_index_trust(record_path.string(), parsed.sha256) != Trust::trusted;
      if (!parsed.ok() && parsed.record.canary.empty()) {
        newest.try_emplace(record_path.string(), Key{true, 0, 0, entry.path().string()});
        continue;
      }
      const auto started = parse_iso_utc_ms(parsed.record.started);
      Key key{untrusted, started.value_or(std::numeric_limits<std::int64_t>::min()),
              parsed.record.attempts, entry.path().string()};
      auto [it, inserted] = newest.try_emplace(parsed.record.canary, key);
      if (!inserted && it->second < key) it->second = key;
    }
    // Runs Canary started and never recorded (killed, or still running) compete by start time.
    for (const IndexEntry& start : load_index(root).unfinished()) {
      Key key{false, parse_iso_utc_ms(start.started).value_or(0), 0,
              (fs::path(root) / start.dir).string()};
      auto [it, inserted] = newest.try_emplace(start.canary, key);
      if (!inserted && it->second < key) it->second = key;
    }
    if (ec) error += "cannot read " + root + ": " + ec.message() + "\n";
  }
  std::vector<std::string> dirs;
  for (const auto& [canary, entry] : newest) dirs.push_back(std::get<3>(entry));
  return dirs;
}

}  // namespace canary::cli
