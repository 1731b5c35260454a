#include "model/text_bytes.hpp"

namespace canary {

std::size_t utf8_sequence(std::string_view text, std::size_t i, unsigned& code) {
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

std::string hex_escaped(std::string_view text, std::size_t limit) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text.substr(0, limit)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace canary
