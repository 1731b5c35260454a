#pragma once
// The one duration grammar of specs and profiles: "90s", "5m", "1h30m", "500ms".

#include <chrono>
#include <optional>
#include <string_view>

namespace canary::yaml {

// The accepted forms, for error messages.
inline constexpr std::string_view kDurationForms = "90s, 5m, 1h30m, 500ms or a number of seconds";

// Whole numbers with units h, m, s and ms, largest first and each once ("1h30m", not "30m1h");
// a bare number counts seconds. "0" parses (callers reject a zero where it makes no sense);
// anything too long to count in nanoseconds (about 292 years) is malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace canary::yaml
