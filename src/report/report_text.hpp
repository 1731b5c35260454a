#pragma once
// Helpers the three report renderers share: escaping, columns, counts, log tails.

#include <canary/report.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace canary::report_text {

// Valid UTF-8 with every invalid byte replaced by U+FFFD, and control characters other
// than tab and newline replaced too: safe inside XML 1.0 and HTML.
std::string clean_utf8(std::string_view text);
std::string escape_xml(std::string_view text);       // & < > " ' as entities, after clean_utf8
std::string escape_markdown(std::string_view text);  // one table cell / line: no | < > * _ ` ...
// Harness text made inert in Markdown: a plain word (letters, digits, space, - _ ( ) #) escaped
// as above, anything else a code span, so no link, @mention, HTML or emphasis renders from it.
// `in_cell`: it sits in a table cell, where even a code span needs its '|' escaped.
std::string inert_markdown(std::string_view text, bool in_cell);

// "0.4 s", "12.3 s", "2 min 5 s".
std::string format_duration(double seconds);

// The tier columns of a night: the standard tiers, then any other tier named, first seen first.
std::vector<std::string> tier_columns(const ReportNight& night);
const ReportTier* find_tier(const ReportEntry& entry, const std::string& tier);

struct Counts {
  std::size_t pass = 0, flaky = 0, fail = 0, error = 0;
  std::size_t total() const { return pass + flaky + fail + error; }
};
Counts count(const ReportNight& night);
// "7 canaries: 5 passed, 1 failed, 1 tool error".
std::string summary_line(const Counts& counts);

// The last `lines` lines of a file (at most 64 KiB read); "" when it does not exist.
std::string tail_file(const std::string& path, std::size_t lines);

}  // namespace canary::report_text
