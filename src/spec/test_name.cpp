#include <canary/spec_loader.hpp>

namespace canary {

std::string sanitize_test_name(std::string_view text) {
  if (text.empty()) return "unnamed";
  std::string out(text);
  for (char& c : out) {
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) c = '_';
  }
  return out;
}

}  // namespace canary
