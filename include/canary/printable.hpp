#pragma once
// Harness-derived text made safe for a terminal or a CI log: one string, one line, nothing a
// terminal or a CI server interprets.

#include <string>
#include <string_view>

namespace canary {

// `text` with control characters escaped: C0 as \n \t \r or \xNN, DEL as \x7f, C1 (U+0080..
// U+009F), the line/paragraph separators, the bidi controls and marks and U+FFFE/U+FFFF as
// \uNNNN, invalid UTF-8 bytes as \xNN. A "::" at the start, or after nothing but spaces (the
// GitHub runner trims them, U+00A0 and the other Unicode spaces too, before it looks for a
// workflow command), becomes "\x3a:"; "##[" and "##vso[" (GitHub's legacy and Azure Pipelines'
// commands, obeyed anywhere in a line) become "#\x23[" and "#\x23vso[". Plain text is returned
// unchanged.
std::string terminal_safe(std::string_view text);

// terminal_safe of at most the first `limit` bytes of `text` (never half a UTF-8 sequence), with
// "..." when it was cut. Mask secrets first: a cut must never leave a piece of one behind.
std::string terminal_safe(std::string_view text, std::size_t limit);

// As terminal_safe, but line feeds and carriage returns stay raw and a leading "::" too: for a
// format that encodes those itself (GitHub workflow command data: %0A, %0D).
std::string controls_escaped(std::string_view text);

// Serialized JSON with DEL, the C1 controls, the line/paragraph separators, the bidi controls and
// U+FFFE/U+FFFF inside its strings written as \uNNNN, and the second '#' of "##[" and "##vso["
// as \u0023: the same document, but nothing a terminal or a CI log obeys.
std::string json_printable(std::string_view json);

}  // namespace canary
