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

}  // namespace canary
