#include "support/model.hpp"

#include <canary/status.hpp>

namespace canary::testing {

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : diagnostics) out.push_back(format(diagnostic));
  return out;
}

CanarySpec spec_with(const std::string& id, const SpecChange& change) {
  CanarySpec spec;
  spec.id = id;
  for (std::string_view flag : kStandardFlags) spec.expect.flags[std::string(flag)] = true;
  change(spec);
  return spec;
}

}  // namespace canary::testing
