#include "report_text.hpp"

#include "model/text_bytes.hpp"

#include <canary/printable.hpp>
#include <canary/safe_file.hpp>
#include <canary/status.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

namespace canary::report_text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at `i` that XML allows, or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  unsigned code = 0;
  const std::size_t length = utf8_sequence(text, i, code);
  return code == 0xFFFE || code == 0xFFFF ? 0 : length;  // not allowed in XML
}

}  // namespace

std::string clean_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0 || (length == 1 && c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      out += c == '\r' ? std::string_view("") : kReplacement;
      i += std::max<std::size_t>(length, 1);
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  for (const char c : clean_utf8(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (const char c : clean_utf8(text)) {
    if (c == '\n' || c == '\t') {
      out += ' ';
    } else if (std::string_view("\\`*_[]<>|#~!&").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string inert_markdown(std::string_view raw, bool in_cell) {
  const std::string text = terminal_safe(raw);
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view(" -_()#").find(c) != std::string_view::npos;
  });
  if (plain) return escape_markdown(text);
  // The fence is one backtick longer than the longest run inside, so the text cannot close it.
  std::size_t longest = 0;
  for (std::size_t run = 0; const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = text.front() == '`' || text.back() == '`' || text.front() == ' ';
  std::string body;
  for (const char c : text) {
    if (in_cell && c == '|') body += '\\';
    body += c;
  }
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string format_duration(double seconds) {
  if (!(seconds >= 0)) seconds = 0;
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto whole = static_cast<long long>(std::llround(seconds));
  return fmt::format("{} min {} s", whole / 60, whole % 60);
}

std::vector<std::string> tier_columns(const ReportNight& night) {
  std::vector<std::string> columns(kStandardTiers.begin(), kStandardTiers.end());
  for (const ReportEntry& entry : night.entries) {
    for (const ReportTier& tier : entry.tiers) {
      if (std::find(columns.begin(), columns.end(), tier.tier) == columns.end()) {
        columns.push_back(tier.tier);
      }
    }
  }
  return columns;
}

const ReportTier* find_tier(const ReportEntry& entry, const std::string& tier) {
  for (const ReportTier& item : entry.tiers) {
    if (item.tier == tier) return &item;
  }
  return nullptr;
}

Counts count(const ReportNight& night) {
  Counts counts;
  for (const ReportEntry& entry : night.entries) {
    switch (entry.klass()) {
      case OutcomeClass::pass: ++counts.pass; break;
      case OutcomeClass::flaky: ++counts.flaky; break;
      case OutcomeClass::fail: ++counts.fail; break;
      case OutcomeClass::error: ++counts.error; break;
    }
  }
  return counts;
}

std::string summary_line(const Counts& counts) {
  std::string out = fmt::format("{} {}: {} passed", counts.total(),
                                counts.total() == 1 ? "canary" : "canaries", counts.pass);
  if (counts.flaky) out += fmt::format(", {} flaky", counts.flaky);
  if (counts.fail) out += fmt::format(", {} failed", counts.fail);
  if (counts.error) out += fmt::format(", {} tool {}", counts.error, counts.error == 1 ? "error" : "errors");
  return out;
}

std::string tail_file(const std::string& path, std::size_t lines) {
  // No symlink followed, no FIFO waited on, regular files only: a log is the harness's.
  const FileText file = read_regular_tail(path, kLogTailBytes);
  if (!file.ok()) return file.missing ? "" : "(not shown: " + file.error + ")\n";
  std::string_view text = file.text;
  // A full window may begin inside a line, and so inside a secret the mask would then miss:
  // that partial first line is never shown.
  if (text.size() >= kLogTailBytes) {
    const std::size_t newline = text.find('\n');
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  }
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  std::size_t seen = 0;
  while (pos > 0) {
    if (text[pos - 1] == '\n' && ++seen == lines) break;
    --pos;
  }
  return std::string(text.substr(pos));
}

}  // namespace canary::report_text
