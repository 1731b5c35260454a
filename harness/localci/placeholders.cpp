#include "placeholders.hpp"

namespace canary::localci {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// Length of the placeholder starting at `at` (which holds '{'), or 0 when it is not one.
std::size_t placeholder_length(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size() || text[at + 1] < 'a' || text[at + 1] > 'z') return 0;
  std::size_t end = at + 1;
  while (end < text.size() && is_name_char(text[end])) ++end;
  if (end >= text.size() || text[end] != '}') return 0;
  return end - at + 1;
}

}  // namespace

std::vector<std::string> placeholder_names(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    if (const auto length = placeholder_length(text, at); length != 0)
      names.emplace_back(text.substr(at + 1, length - 2));
  }
  return names;
}

std::optional<std::string> render(std::string_view text, const Lookup& lookup, std::string* error) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const auto length = placeholder_length(text, at);
    if (length == 0) continue;
    const std::string_view name = text.substr(at + 1, length - 2);
    const auto value = lookup(name);
    if (!value) {
      *error = "unknown placeholder {" + std::string(name) + "}";
      return std::nullopt;
    }
    out.append(text.substr(done, at - done));
    out.append(*value);
    done = at + length;
    at = done - 1;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace canary::localci
