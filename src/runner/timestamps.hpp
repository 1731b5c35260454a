#pragma once
// Wall-clock stamps and durations as the runner writes them in records, ids and messages.

#include <chrono>
#include <string>

namespace canary {

// "2026-01-31T12:00:05Z"
std::string iso_utc(std::chrono::system_clock::time_point time);

// "20260131T120005Z", for run ids and file names.
std::string compact_utc(std::chrono::system_clock::time_point time);

// "5m", "1m30s", "2h", "0s" for whole seconds; "500ms", "1500ms" otherwise.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace canary
