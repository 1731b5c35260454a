#include <canary/diagnostic.hpp>

#include <algorithm>

namespace canary {

std::string format(const Diagnostic& diagnostic) {
  std::string out = diagnostic.path;
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) out += ':' + std::to_string(diagnostic.column);
  }
  out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
  out += diagnostic.message;
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace canary
