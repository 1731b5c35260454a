#pragma once
// Harness-derived text made safe for a terminal or a CI log: one string, one line, nothing a
// terminal or a CI server interprets.

#include <string>
#include <string_view>

namespace canary {

// `text` with control characters escaped: C0 as \n \t \r or \xNN, DEL as \x7f, C1 (U+0080..
// U+009F) and the line/paragraph separators and bidi controls as \uNNNN, invalid UTF-8 bytes as
// \xNN. A leading "::" (a GitHub Actions workflow command) becomes "\x3a:". Plain text is
// returned unchanged.
std::string terminal_safe(std::string_view text);

// As terminal_safe, but line feeds and carriage returns stay raw and a leading "::" too: for a
// format that encodes those itself (GitHub workflow command data: %0A, %0D).
std::string controls_escaped(std::string_view text);

// Serialized JSON with DEL, the C1 controls and the line/paragraph separators and bidi controls
// inside its strings written as \uNNNN: the same document, but nothing a terminal obeys.
std::string json_printable(std::string_view json);

}  // namespace canary
