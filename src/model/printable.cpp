#include <canary/printable.hpp>

#include "model/text_bytes.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace canary {
namespace {

bool is_format_control(unsigned code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x2028 || code == 0x2029 ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

// `keep_breaks`: line feeds and carriage returns stay raw, for a caller that encodes them itself.
std::string escape_controls(std::string_view text, bool keep_breaks) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned code = 0;
    const std::size_t length = utf8_sequence(text, i, code);
    const auto c = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
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
    } else if (!keep_breaks && i == 0 && text.starts_with("::")) {
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

std::string controls_escaped(std::string_view text) { return escape_controls(text, true); }

std::string json_printable(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size();) {
    unsigned code = 0;
    const std::size_t length = utf8_sequence(json, i, code);
    if ((length > 1 && is_format_control(code)) || (length == 1 && code == 0x7F)) {
      out += fmt::format("\\u{:04x}", code);
    } else {
      out.append(json.substr(i, std::max<std::size_t>(length, 1)));
    }
    i += std::max<std::size_t>(length, 1);
  }
  return out;
}

}  // namespace canary
