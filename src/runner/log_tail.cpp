#include "log_tail.hpp"

#include <canary/safe_file.hpp>

#include "model/text_bytes.hpp"  // hex_escaped(): escapes every byte a terminal might act on

#include <sstream>
#include <vector>

namespace canary {
namespace {

constexpr std::size_t kTailBytes = 4096;
constexpr std::size_t kTailLines = 5;
constexpr std::size_t kLineBytes = 200;

}  // namespace

std::string log_tail(const std::string& path, const SecretMask& mask) {
  // No symlink followed, no FIFO waited on, regular files only: the log is the harness's.
  const FileText file = read_regular_tail(path, kTailBytes);
  if (!file.ok()) return path + " cannot be read (" + file.error + ")";
  // A secret cut in half by the 4 KiB window would escape the mask: mask the window whole.
  const std::string text = mask.apply(file.text);
  std::vector<std::string> lines;
  std::istringstream in(text);
  bool first = file.cut;  // the window's first line is probably a partial one
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
    out += hex_escaped(lines[i], kLineBytes);
  }
  return out;
}

}  // namespace canary
