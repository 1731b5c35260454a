#include "message_text.hpp"

#include "model/text_bytes.hpp"

namespace canary::results_detail {
namespace {

constexpr std::size_t kQuotedLimit = 64;

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

void append_hex_escape(std::string& out, unsigned char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// Appends `text` with control characters escaped; bytes >= 0x80 are kept (valid UTF-8 input).
void append_escaped(std::string& out, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          append_hex_escape(out, c);
        } else {
          out += ch;
        }
    }
  }
}

// Cuts at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

void append_member(std::string& path, std::string_view key) {
  if (is_identifier(key)) {
    path += '.';
    path += key;
    return;
  }
  path += "[\"";
  append_escaped(path, cut(key, kQuotedLimit));
  if (key.size() > kQuotedLimit) path += "...";
  path += "\"]";
}

void append_index(std::string& path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

std::string in_quotes(std::string_view text) {
  std::string out = "'";
  append_escaped(out, cut(text, kQuotedLimit));
  if (text.size() > kQuotedLimit) out += "...";
  out += '\'';
  return out;
}

std::string syntax_error(std::string_view what, std::size_t position, std::size_t input_size) {
  constexpr std::size_t kMaxDetail = 300;
  // "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error ..."
  if (const auto close = what.find("] "); close != std::string_view::npos) {
    what.remove_prefix(close + 2);
  }
  constexpr std::string_view kParseErrorAt = "parse error at ";
  if (what.starts_with(kParseErrorAt)) what.remove_prefix(kParseErrorAt.size());
  std::string out = position > input_size ? "truncated JSON" : "invalid JSON";
  out += what.starts_with("line ") ? " at " : (" at byte " + std::to_string(position) + ": ");
  out += hex_escaped(what, kMaxDetail);
  return out;
}

}  // namespace canary::results_detail
