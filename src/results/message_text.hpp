#pragma once
// Pieces of parser messages: JSON path segments and quoted input, always valid UTF-8 and short.

#include <string>
#include <string_view>

namespace canary::results_detail {

// `.name` for identifier-like keys, `["any key"]` otherwise, as in JSONPath.
void append_member(std::string& path, std::string_view key);
void append_index(std::string& path, std::size_t index);

// 'word' with control characters escaped and long input cut, e.g. for "unknown status 'passed'".
std::string in_quotes(std::string_view text);

// nlohmann's parse error as "truncated JSON at line 1, column 8: ..." when it hit the end of
// the input, else "invalid JSON at ...", with any raw input bytes escaped.
std::string syntax_error(std::string_view what, std::size_t position, std::size_t input_size);

}  // namespace canary::results_detail
