#include "timestamps.hpp"

#include <ctime>

namespace canary {
namespace {

std::string utc(std::chrono::system_clock::time_point time, const char* format) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  ::gmtime_r(&seconds, &parts);
  char buffer[32];
  const std::size_t size = std::strftime(buffer, sizeof buffer, format, &parts);
  return std::string(buffer, size);
}

}  // namespace

std::string iso_utc(std::chrono::system_clock::time_point time) {
  return utc(time, "%Y-%m-%dT%H:%M:%SZ");
}

std::string compact_utc(std::chrono::system_clock::time_point time) {
  return utc(time, "%Y%m%dT%H%M%SZ");
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms % 1000 != 0) return std::to_string(ms) + "ms";
  long long seconds = ms / 1000;
  if (seconds == 0) return "0s";
  std::string out;
  for (const auto& [unit, size] :
       {std::pair{"h", 3600LL}, std::pair{"m", 60LL}, std::pair{"s", 1LL}}) {
    if (seconds >= size) {
      out += std::to_string(seconds / size) + unit;
      seconds %= size;
    }
  }
  return out;
}

}  // namespace canary
