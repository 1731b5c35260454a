#pragma once
// The bytes of untrusted text, one way for every library: UTF-8 sequences decoded, and bytes
// escaped to printable ASCII. The model library's API for Canary's other libraries ("model/
// text_bytes.hpp"); not installed.

#include <cstddef>
#include <string>
#include <string_view>

namespace canary {

// Length and code point of the valid UTF-8 sequence at `text[i]`; length 0 when it is none (a
// stray continuation or invalid lead byte, a truncated or overlong sequence, a surrogate, a code
// point over U+10FFFF).
std::size_t utf8_sequence(std::string_view text, std::size_t i, unsigned& code);

// Any byte outside printable ASCII as \xNN (upper-case hex), cut to `limit` bytes with "..."
// after a cut: for text that may hold raw, possibly invalid bytes (a harness command line,
// a log line, nlohmann's "last read: ...").
std::string hex_escaped(std::string_view text, std::size_t limit);

}  // namespace canary
