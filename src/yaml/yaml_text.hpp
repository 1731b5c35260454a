#pragma once
// Checks on a spec's raw text that yaml-cpp does not make, and plain words for its errors.

#include "yaml_map.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace canary::yaml {

// A problem with the bytes themselves, at its line and (byte) column.
struct TextProblem {
  Place at;
  std::string message;
};

// The first byte that YAML text may not hold: a malformed UTF-8 sequence (YAML text is UTF-8
// here), a control character other than tab, line feed and carriage return, or a byte order
// mark after the start. nullopt when the text is clean.
std::optional<TextProblem> check_text(std::string_view text);

// yaml-cpp 0.7 loops for ever, a new empty document each time, on a document that starts
// with a token it cannot begin a node with (e.g. ",caa"). Parses `text` without building
// nodes and returns where it stopped making progress; nullopt when every document moved on.
// Throws YAML::Exception for a syntax error, like YAML::LoadAll.
std::optional<TextProblem> find_stuck_document(std::string_view text);

// True when `text` can only be one block mapping at column 0: its first line that is not blank
// or a comment, and every such line at column 0, starts with a letter, digit or '_' (a plain
// key). Such a document cannot make yaml-cpp loop, so find_stuck_document's parse is not
// needed; anything else (`---`, `...`, a leading ',', a flow collection at the top) is left to
// it. A cheap scan of the bytes, since every `canary` command reads every spec.
bool is_plain_block_map(std::string_view text);

// What a document is called in load_document's messages.
struct DocumentWords {
  std::string_view second;  // "a spec file holds one canary"
  std::string_view empty;   // "empty file: a spec is a map with ..."
};

// The one way Canary parses a YAML file: the text checks above, the guard against yaml-cpp's
// endless loop, then the first document; null when there is none or after an error. Syntax
// errors, too-deep nesting and extra documents are reported, never thrown.
YAML::Node load_document(std::string_view text, const DocumentWords& words, Reporter& reporter);

// yaml-cpp's message for a syntax error, with the likely cause where its words do not say it,
// e.g. a tab in the indentation at or before `line` (1-based).
std::string explain_syntax_error(std::string_view yaml_message, std::string_view text, int line);

}  // namespace canary::yaml
