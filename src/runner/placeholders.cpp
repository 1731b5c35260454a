#include <canary/profile.hpp>

#include "placeholders.hpp"

namespace canary {

std::string placeholder_list() {
  std::string out;
  for (const auto name : kPlaceholderNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::optional<std::string> expand(std::string_view text, const Placeholders& values,
                                  std::string* error) {
  auto fail = [error](std::string message) -> std::optional<std::string> {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool doubled = i + 1 < text.size() && text[i + 1] == c;
    if (c == '}') {
      if (!doubled) return fail("unmatched '}' (write '}}' for a literal brace)");
      out += '}';
      ++i;
    } else if (c == '{') {
      if (doubled) {
        out += '{';
        ++i;
        continue;
      }
      const std::size_t close = text.find('}', i + 1);
      if (close == std::string_view::npos) {
        return fail("unclosed '{' (write '{{' for a literal brace)");
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      const auto value = values.find(name);
      if (value == values.end()) {
        return fail("unknown placeholder '{" + std::string(name) + "}'");
      }
      out += value->second;
      i = close;
    } else {
      out += c;
    }
  }
  if (error != nullptr) error->clear();
  return out;
}

}  // namespace canary
