#include "log_tail.hpp"

#include "../results/message_text.hpp"  // printable(): escapes every byte a terminal might act on

#include <fstream>
#include <sstream>
#include <vector>

namespace canary {
namespace {

constexpr std::streamoff kTailBytes = 4096;
constexpr std::size_t kTailLines = 5;
constexpr std::size_t kLineBytes = 200;

}  // namespace

std::string log_tail(const std::string& path, const SecretMask& mask) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return path + " cannot be read";
  const std::streamoff size = file.tellg();
  const std::streamoff from = size > kTailBytes ? size - kTailBytes : 0;
  file.seekg(from);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  // A secret cut in half by the 4 KiB window would escape the mask: mask the window whole.
  std::string text = mask.apply(buffer.str());
  std::vector<std::string> lines;
  std::istringstream in(text);
  bool first = from > 0;  // the window's first line is probably a partial one
  for (std::string line; std::getline(in, line); first = false) {
    if (first) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    lines.push_back(std::move(line));
    if (lines.size() > kTailLines) lines.erase(lines.begin());
  }
  if (lines.empty()) return path + " is empty";
  std::string out = "last lines of " + path + ": ";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += " | ";
    out += results_detail::printable(lines[i], kLineBytes);
  }
  return out;
}

}  // namespace canary
