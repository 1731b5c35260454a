#pragma once
// The end of a harness's log, fit for a finding: masked, bounded, control characters escaped.

#include <canary/secrets.hpp>

#include <string>

namespace canary {

// "last lines of PATH: line; line" (at most 5 lines of 200 bytes from the last 4 KiB),
// "PATH is empty", or "PATH cannot be read". Secrets are masked before anything is cut.
std::string log_tail(const std::string& path, const SecretMask& mask);

}  // namespace canary
