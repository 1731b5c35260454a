// JUnit XML: one testcase per canary; findings as failure text, tool errors as <error>.
#include "report_text.hpp"

#include <fmt/format.h>

namespace canary {
namespace {

using namespace report_text;

std::string seconds(double value) { return fmt::format("{:.3f}", value < 0 ? 0 : value); }

std::string findings_text(const ReportEntry& entry) {
  std::string out;
  if (!entry.note.empty()) out += "note: " + entry.note + "\n";
  for (const Finding& finding : entry.findings) out += format(finding) + "\n";
  if (out.empty()) out = "no findings recorded\n";
  return out;
}

std::string matrix_text(const ReportEntry& entry) {
  std::string out = "expect: " + (entry.expect.empty() ? std::string("-") : entry.expect) + "\n";
  for (const ReportTier& tier : entry.tiers) {
    out += fmt::format("{}: {}{}\n", tier.tier, tier.actual.value_or("-"),
                       tier.expected ? (tier.matches() ? " (as expected)"
                                                       : " (want " + *tier.expected + ")")
                                     : "");
  }
  return out;
}

}  // namespace

std::string render_junit(const ReportNight& night, const ReportOptions& options) {
  const Counts counts = count(night);
  double total = 0;
  for (const ReportEntry& entry : night.entries) total += entry.duration_s;
  const std::string time_total = options.timings ? " time=\"" + seconds(total) + "\"" : "";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"canary\" tests=\"{}\" failures=\"{}\" errors=\"{}\"{}>\n",
                     counts.total(), counts.fail, counts.error, time_total);
  out += fmt::format(
      "  <testsuite name=\"canary\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\"{}>\n",
      counts.total(), counts.fail, counts.error, time_total);
  for (const ReportEntry& entry : night.entries) {
    out += fmt::format("    <testcase classname=\"canary\" name=\"{}\"{}>\n", escape_xml(entry.canary),
                       options.timings ? " time=\"" + seconds(entry.duration_s) + "\"" : "");
    const std::string message =
        entry.outcome + ": " +
        (entry.findings.empty() ? std::string("no findings recorded") : format(entry.findings.front())) +
        (entry.findings.size() > 1 ? fmt::format(" (+{} more)", entry.findings.size() - 1) : "");
    const OutcomeClass klass = entry.klass();
    if (klass == OutcomeClass::fail || klass == OutcomeClass::error) {
      const char* element = klass == OutcomeClass::error ? "error" : "failure";
      out += fmt::format("      <{} type=\"{}\" message=\"{}\">{}</{}>\n", element,
                         escape_xml(entry.outcome), escape_xml(message),
                         escape_xml(findings_text(entry)), element);
    }
    std::string system_out = "outcome: " + entry.outcome + "\n" + matrix_text(entry);
    // XFAIL's unmet expectations and FLAKY's causes, which fail nothing but are worth reading.
    if (klass != OutcomeClass::fail && klass != OutcomeClass::error &&
        (!entry.findings.empty() || !entry.note.empty())) {
      system_out += findings_text(entry);
    }
    out += "      <system-out>" + escape_xml(system_out) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace canary
