#include "strays.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace canary {
namespace {

std::string read_proc(pid_t pid, const char* file) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<pid_t> group_members(pid_t pgid) {
  std::vector<pid_t> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const std::string stat = read_proc(pid, "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(stat.substr(close + 1));
    char state = 0;
    long ppid = 0, group = 0;
    if (!(fields >> state >> ppid >> group) || state == 'Z') continue;
    if (group == pgid) out.push_back(pid);
  }
  return out;
}

std::string command_line(pid_t pid) {
  std::string text = read_proc(pid, "cmdline");
  while (!text.empty() && text.back() == '\0') text.pop_back();
  if (text.empty()) return "pid " + std::to_string(pid);
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text;
}

void Strays::add(pid_t pid) {
  ++count;
  if (commands.size() < kKeptCommands) commands.push_back(command_line(pid));
}

}  // namespace canary
