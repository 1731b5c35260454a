#include "run_context.hpp"

#include <cstdio>
#include <random>

namespace canary::localci {

std::string random_hex(std::size_t bytes) {
  static std::random_device device;
  static const char* digits = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned>(device()) & 0xffu;
    text += digits[byte >> 4];
    text += digits[byte & 0xfu];
  }
  return text;
}

const std::string& Secrets::get(const std::string& name) {
  auto it = values_.find(name);
  if (it == values_.end()) it = values_.emplace(name, random_hex(16)).first;
  return it->second;
}

std::vector<std::string> Secrets::values() const {
  std::vector<std::string> list;
  for (const auto& [name, value] : values_) list.push_back(value);
  return list;
}

TierLog::TierLog(std::filesystem::path path, std::chrono::steady_clock::time_point epoch)
    : path_(std::move(path)), epoch_(epoch), out_(path_, std::ios::app) {}

void TierLog::note(const std::string& line) {
  const auto elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_).count();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "[%8.3fs] ", elapsed);
  out_ << stamp << line << '\n';
  out_.flush();
}

}  // namespace canary::localci
