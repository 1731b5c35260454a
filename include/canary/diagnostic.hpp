#pragma once
// A message about a place in an input file, printed in the compiler's format.

#include <string>
#include <vector>

namespace canary {

enum class Severity { error, warning };

struct Diagnostic {
  std::string path;
  int line = 0;    // 1-based; 0 when the message is about the whole file
  int column = 0;  // 1-based; 0 when unknown
  Severity severity = Severity::error;
  std::string message;
};

// "path:line:col: error: message" (line and col left out when unknown).
std::string format(const Diagnostic& diagnostic);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace canary
