// Markdown for CI comments: the matrix of the last night, its failures, and a history column.
// Everything from a record or a harness goes through inert_markdown: shown, never rendered.
#include "report_text.hpp"

#include <fmt/format.h>

namespace canary {
namespace {

using namespace report_text;

std::string_view mark(OutcomeClass klass) {
  switch (klass) {
    case OutcomeClass::pass: return "✅";
    case OutcomeClass::flaky: return "⚠️";
    case OutcomeClass::fail: return "❌";
    case OutcomeClass::error: return "💥";
  }
  return "❌";
}

// "fail ✓" judged and as expected, "**pass** ✗ want fail" judged and not, "skip" not judged.
std::string cell(const ReportTier* tier) {
  if (!tier) return "-";
  const std::string actual = inert_markdown(tier->actual.value_or("-"), true);
  if (!tier->expected) return actual;
  if (tier->matches()) return actual + " ✓";
  return "**" + actual + "** ✗ want " + inert_markdown(*tier->expected, true);
}

std::string history(const std::vector<ReportNight>& nights, const std::string& canary) {
  std::string out;
  for (const ReportNight& night : nights) {
    const ReportEntry* entry = night.find(canary);
    out += entry ? std::string(mark(entry->klass())) : std::string("·");
  }
  return out;
}

}  // namespace

std::string render_markdown(const std::vector<ReportNight>& nights, const ReportOptions& options) {
  const ReportNight& night = nights.back();
  const bool with_history = nights.size() > 1;
  const std::vector<std::string> tiers = tier_columns(night);
  std::string out = "## Canary report\n\n";
  out += "**" + summary_line(count(night)) + "**";
  if (with_history) out += fmt::format(" (last of {} nights)", nights.size());
  out += "\n\n| canary | expect | outcome |";
  std::string rule = "\n|---|---|---|";
  for (const std::string& tier : tiers) {
    out += " " + inert_markdown(tier, true) + " |";
    rule += "---|";
  }
  if (options.timings) out += " duration |", rule += "---:|";
  if (with_history) out += " history |", rule += "---|";
  out += rule + "\n";
  for (const ReportEntry& entry : night.entries) {
    out += fmt::format("| {} | {} | {} {} |", inert_markdown(entry.canary, true),
                       entry.expect.empty() ? "-" : inert_markdown(entry.expect, true),
                       mark(entry.klass()), inert_markdown(entry.outcome, true));
    for (const std::string& tier : tiers) out += " " + cell(find_tier(entry, tier)) + " |";
    if (options.timings) out += " " + format_duration(entry.duration_s) + " |";
    if (with_history) out += " " + history(nights, entry.canary) + " |";
    out += "\n";
  }
  out += "\nCells: what the harness reported; ✓ as the canary expected, ✗ not as expected "
         "(want: what it expected), no mark: not judged.";
  if (with_history) out += " History: oldest night first; · not run that night.";
  out += "\n";

  bool heading = false;
  for (const ReportEntry& entry : night.entries) {
    if (entry.klass() == OutcomeClass::pass) continue;
    if (!heading) out += "\n### Failures\n", heading = true;
    out += fmt::format("\n**{}**: {}", inert_markdown(entry.canary, false),
                       inert_markdown(entry.outcome, false));
    if (entry.attempts > 1) out += fmt::format(" after {} attempts", entry.attempts);
    if (const auto since = broken_since(nights, entry.canary); since && with_history) {
      out += fmt::format(" (broken since night {} of {}", *since + 1, nights.size());
      if (!nights[*since].date.empty() && options.timings) {
        out += ", " + inert_markdown(nights[*since].date, false);
      }
      out += ")";
    }
    out += "\n";
    if (!entry.note.empty()) out += "- note: " + inert_markdown(entry.note, false) + "\n";
    for (const Finding& finding : entry.findings) {
      out += "- " + inert_markdown(format(finding), false) + "\n";
    }
    if (entry.findings.empty() && entry.note.empty()) out += "- no findings recorded\n";
  }
  return out;
}

}  // namespace canary
