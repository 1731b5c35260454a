#include <canary/printable.hpp>

#include "model/text_bytes.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace canary {
namespace {

// C1, the line and paragraph separators, every bidi control (embeddings, overrides, isolates
// and the marks LRM, RLM, ALM) and the noncharacters U+FFFE, U+FFFF (not XML characters).
bool is_format_control(unsigned code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x2028 || code == 0x2029 ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069) ||
         code == 0x200E || code == 0x200F || code == 0x061C || code == 0xFFFE || code == 0xFFFF;
}

// What .NET's String.TrimStart() drops before the GitHub runner looks for "::" (Char.IsWhiteSpace,
// less the controls escaped anyway): a line " ::error::x" is a workflow command too.
bool is_leading_space(unsigned code) {
  return code == ' ' || code == 0xA0 || code == 0x1680 || (code >= 0x2000 && code <= 0x200A) ||
         code == 0x202F || code == 0x205F || code == 0x3000;
}

// A CI log command that starts anywhere in a line: GitHub's legacy "##[error]" and Azure
// Pipelines' "##vso[". Its second '#' is escaped wherever it occurs.
bool starts_anywhere_command(std::string_view text, std::size_t i) {
  const std::string_view rest = text.substr(i);
  return rest.starts_with("##[") || rest.starts_with("##vso[");
}

// `keep_breaks`: line feeds and carriage returns stay raw, for a caller that encodes them itself.
std::string escape_controls(std::string_view text, bool keep_breaks) {
  std::string out;
  out.reserve(text.size());
  bool line_start = true;  // only what TrimStart() drops came before `i`
  for (std::size_t i = 0; i < text.size();) {
    unsigned code = 0;
    const std::size_t length = utf8_sequence(text, i, code);
    const auto c = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
      line_start = false;
      continue;
    }
    const bool at_line_start = line_start;
    line_start = line_start && is_leading_space(code);
    if (starts_anywhere_command(text, i)) {
      out += "#\\x23";
      i += 2;
      line_start = false;
      continue;
    }
    if (keep_breaks && (c == '\n' || c == '\r')) {
      out += static_cast<char>(c);
    } else if (length == 1 && (c < 0x20 || c == 0x7F)) {
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default: out += fmt::format("\\x{:02x}", c);
      }
    } else if (is_format_control(code)) {
      out += fmt::format("\\u{:04x}", code);
    } else if (!keep_breaks && at_line_start && text.substr(i).starts_with("::")) {
      out += "\\x3a";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string terminal_safe(std::string_view text) { return escape_controls(text, false); }

std::string terminal_safe(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return escape_controls(text, false);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return escape_controls(text.substr(0, end), false) + "...";
}

std::string controls_escaped(std::string_view text) { return escape_controls(text, true); }

std::string json_printable(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size();) {
    unsigned code = 0;
    const std::size_t length = utf8_sequence(json, i, code);
    if ((length > 1 && is_format_control(code)) || (length == 1 && code == 0x7F)) {
      out += fmt::format("\\u{:04x}", code);
    } else if (starts_anywhere_command(json, i)) {
      out += "#\\u0023";  // '#' only occurs inside strings: the same document
      i += 2;
      continue;
    } else {
      out.append(json.substr(i, std::max<std::size_t>(length, 1)));
    }
    i += std::max<std::size_t>(length, 1);
  }
  return out;
}

}  // namespace canary
