#include <canary/runner.hpp>

#include "timestamps.hpp"

#include <cstdio>
#include <random>

#include <unistd.h>

namespace canary {

std::string make_run_id(const std::string& canary_id) {
  // The pid keeps concurrent processes apart, the random part runs within one process and second.
  std::random_device device;
  const auto random = static_cast<unsigned>(device());
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", random);
  return canary_id + "-" + compact_utc(std::chrono::system_clock::now()) + "-" +
         std::to_string(::getpid()) + "-" + hex;
}

}  // namespace canary
