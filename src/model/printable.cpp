#include <canary/printable.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace canary {
namespace {

// Length and code point of the valid UTF-8 sequence at `i`; length 0 when it is not one.
std::size_t decode(std::string_view text, std::size_t i, unsigned& code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned min = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) length = 2, min = 0x80, code = lead & 0x1F;
  else if ((lead & 0xF0) == 0xE0) length = 3, min = 0x800, code = lead & 0x0F;
  else if ((lead & 0xF8) == 0xF0) length = 4, min = 0x10000, code = lead & 0x07;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

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
    const std::size_t length = decode(text, i, code);
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
    const std::size_t length = decode(json, i, code);
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
