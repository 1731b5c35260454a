#include "support/scrub.hpp"

#include <regex>

namespace canary::testing {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (auto pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

std::string scrub_path(std::string text, const std::string& dir, const std::string& placeholder) {
  replace_all(text, dir, placeholder);
  return text;
}

std::string scrub_run_ids(std::string text) {
  static const std::regex run_id(R"(-\d{8}T\d{6}Z-\d+-[0-9a-f]{8})");
  return std::regex_replace(text, run_id, "-<run>");
}

std::string scrub_durations(std::string text) {
  static const std::regex seconds(R"(\d+\.\d+s\b)");
  static const std::regex duration(R"("duration_s": [0-9.e-]+)");
  text = std::regex_replace(text, seconds, "<t>s");
  return std::regex_replace(text, duration, "\"duration_s\": <t>");
}

std::string scrub_timestamps(std::string text) {
  static const std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  return std::regex_replace(text, stamp, "<time>");
}

std::string scrub_pids(std::string text) {
  static const std::regex pid(R"(\bpid \d+\b)");
  return std::regex_replace(text, pid, "pid <pid>");
}

std::string Scrubber::operator()(std::string text) const {
  for (const auto& path : paths) text = scrub_path(std::move(text), path.first, path.second);
  if (pids) text = scrub_pids(std::move(text));
  if (run_ids) text = scrub_run_ids(std::move(text));
  if (durations) text = scrub_durations(std::move(text));
  if (timestamps) text = scrub_timestamps(std::move(text));
  return text;
}

}  // namespace canary::testing
