#include <canary/verdict.hpp>
#include <canary/exit_codes.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace canary {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 7> kNames = {{
    {Outcome::pass, "PASS"},
    {Outcome::mismatch, "MISMATCH"},
    {Outcome::tool_error, "TOOL_ERROR"},
    {Outcome::xfail, "XFAIL"},
    {Outcome::xpass, "XPASS"},
    {Outcome::flaky, "FLAKY"},
    {Outcome::untrusted, "UNTRUSTED"},
}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) ==
           std::toupper(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  for (const auto& [value, name] : kNames) {
    if (value == outcome) return name;
  }
  return "?";
}

std::optional<Outcome> parse_outcome(std::string_view word) {
  for (const auto& [value, name] : kNames) {
    if (equals_ignoring_case(word, name)) return value;
  }
  return std::nullopt;
}

bool is_success(Outcome outcome) {
  return outcome == Outcome::pass || outcome == Outcome::xfail || outcome == Outcome::flaky;
}

ExitCode exit_code_of(Outcome outcome) {
  if (is_success(outcome)) return ExitCode::ok;
  return outcome == Outcome::tool_error ? ExitCode::tool_error : ExitCode::canary_failed;
}

std::string format(const Finding& finding) {
  return finding.check + ": expected " + finding.expected + ", got " + finding.actual;
}

std::string format_located(const Finding& finding) {
  const SourceLocation& at = finding.location;
  if (!at.known()) return format(finding);
  std::string out = at.file + ':' + std::to_string(at.line);
  if (at.column > 0) out += ':' + std::to_string(at.column);
  return out + ": " + format(finding);
}

}  // namespace canary
