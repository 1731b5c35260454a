#include "yaml_text.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace canary::yaml {
namespace {

std::string hex_byte(unsigned char byte) {
  std::array<char, 8> out{};
  std::snprintf(out.data(), out.size(), "0x%02x", static_cast<unsigned>(byte));
  return out.data();
}

std::string code_point(std::uint32_t value) {
  std::array<char, 16> out{};
  std::snprintf(out.data(), out.size(), "U+%04X", static_cast<unsigned>(value));
  return out.data();
}

// Length of the UTF-8 sequence starting at `i` and its code point; 0 when malformed
// (bad lead or continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short).
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& value) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead < 0x80) {
    value = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, value = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return length;
}

// The first line at or before `line` whose indentation holds a tab; 0 when none.
int tab_indented_line(std::string_view text, int line) {
  int number = 1;
  bool in_indent = true;
  for (const char c : text) {
    if (number > line) break;
    if (c == '\n') {
      ++number;
      in_indent = true;
    } else if (in_indent && c == '\t') {
      return number;
    } else if (c != ' ') {
      in_indent = false;
    }
  }
  return 0;
}

// Notes where each document starts, and stops the parse once one starts where the last did.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (count_ > 0 && mark.pos == last_.pos) stuck_ = true;
    last_ = mark;
    ++count_;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  bool stuck() const { return stuck_; }
  std::size_t count() const { return count_; }
  const YAML::Mark& last() const { return last_; }

 private:
  YAML::Mark last_ = YAML::Mark::null_mark();
  std::size_t count_ = 0;
  bool stuck_ = false;
};

}  // namespace

std::optional<TextProblem> find_stuck_document(std::string_view text) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  DocumentStarts starts;
  // Every real document consumes at least one byte, so more than size + 1 cannot be progress.
  while (!starts.stuck() && starts.count() <= text.size() + 1 && parser.HandleNextDocument(starts)) {
  }
  if (!starts.stuck() && starts.count() <= text.size() + 1) return std::nullopt;
  const YAML::Mark& at = starts.last();
  const auto pos = static_cast<std::size_t>(at.pos);
  const std::string token = pos < text.size() ? std::string(1, text[pos]) : std::string();
  return TextProblem{place_of(at), "invalid YAML: a document cannot start with " +
                                       (token.empty() ? std::string("this") : quote(token)) +
                                       (token == "," ? " (a ',' belongs inside [...] or {...})" : "")};
}

bool is_plain_block_map(std::string_view text) {
  bool any = false;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;  // blank or comment
    if (first != 0) {
      if (!any) return false;  // an indented first node is not a plain block map at column 0
      continue;
    }
    const auto c = static_cast<unsigned char>(line[0]);
    if (!(std::isalnum(c) != 0 || c == '_')) return false;
    any = true;
  }
  return any;
}

std::optional<TextProblem> check_text(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Place at{line, static_cast<int>(i - line_start) + 1};
    std::uint32_t value = 0;
    const std::size_t length = utf8_sequence(text, i, value);
    const auto byte = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      const bool utf16 = i == 0 && text.size() >= 2 &&
                         ((byte == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE) ||
                          (byte == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF));
      return TextProblem{at, utf16 ? "not UTF-8: the file starts with a UTF-16 byte order mark; "
                                     "save it as UTF-8"
                                   : "not UTF-8: byte " + hex_byte(byte) +
                                         " does not start a valid UTF-8 character; a spec is "
                                         "UTF-8 text"};
    }
    if ((value < 0x20 && value != '\t' && value != '\n' && value != '\r') || value == 0x7F) {
      return TextProblem{at, "control character " + code_point(value) +
                                 " in the text; YAML allows only tab, line feed and carriage "
                                 "return"};
    }
    if (value == 0xFEFF && i != 0) {
      return TextProblem{at, "byte order mark (U+FEFF) after the start of the file; only the "
                             "first bytes may hold one"};
    }
    if (value == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += length;
  }
  return std::nullopt;
}

YAML::Node load_document(std::string_view text, const DocumentWords& words, Reporter& reporter) {
  if (const auto problem = check_text(text)) {
    reporter.error(problem->at, problem->message);
    return YAML::Node(YAML::NodeType::Undefined);
  }
  std::vector<YAML::Node> documents;
  try {
    if (const auto stuck = is_plain_block_map(text) ? std::nullopt : find_stuck_document(text)) {
      reporter.error(stuck->at, stuck->message);
      return YAML::Node(YAML::NodeType::Undefined);
    }
    std::istringstream stream{std::string(text)};
    documents = YAML::LoadAll(stream);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard against a stack overflow; its message just says "bad file".
    reporter.error(place_of(e.mark), "invalid YAML: lists and maps nested too deep (the limit "
                                     "is " + std::to_string(e.depth()) + " levels)");
    return YAML::Node(YAML::NodeType::Undefined);
  } catch (const YAML::Exception& e) {
    reporter.error(place_of(e.mark), explain_syntax_error(e.msg, text, place_of(e.mark).line));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  for (std::size_t i = 1; i < documents.size(); ++i) {
    if (documents[i].IsNull()) continue;  // a stray `---` at the end holds nothing
    reporter.error(place_of(documents[i]),
                   std::string(words.second) + "; this is a second YAML document");
  }
  if (documents.empty() || documents[0].IsNull()) {
    reporter.error({}, std::string(words.empty));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return documents[0];
}

std::string explain_syntax_error(std::string_view yaml_message, std::string_view text, int line) {
  std::string out = "invalid YAML: " + std::string(yaml_message);
  if (const int tab_line = tab_indented_line(text, line); tab_line > 0) {
    return out + " (line " + std::to_string(tab_line) +
           " is indented with a tab; YAML indents with spaces only)";
  }
  if (yaml_message == "unknown token") {
    // yaml-cpp rejects '?' in plain flow scalars, which is what a test-name glob looks like.
    return out + " (inside [...] or {...}, quote a value that holds ?, [ or ], e.g. 'test_?')";
  }
  if (yaml_message == "end of sequence flow not found") return out + " (a '[' is never closed)";
  if (yaml_message == "end of map flow not found") return out + " (a '{' is never closed)";
  if (yaml_message == "illegal map value") {
    return out + " (a 'key: value' where none may start: check the indentation, or quote a "
                 "value that holds ': ')";
  }
  return out;
}

}  // namespace canary::yaml
