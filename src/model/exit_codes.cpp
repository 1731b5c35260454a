#include <canary/exit_codes.hpp>

namespace canary {
namespace {

int severity(ExitCode code) {
  switch (code) {
    case ExitCode::usage_error:
      return 4;
    case ExitCode::canary_failed:
      return 3;
    case ExitCode::tool_error:
      return 2;
    case ExitCode::nothing_selected:
      return 1;
    case ExitCode::ok:
      break;
  }
  return 0;
}

}  // namespace

ExitCode worst_exit(ExitCode a, ExitCode b) { return severity(b) > severity(a) ? b : a; }

ExitCode worst_exit(std::span<const ExitCode> codes) {
  ExitCode worst = ExitCode::ok;
  for (const ExitCode code : codes) worst = worst_exit(worst, code);
  return worst;
}

ExitCode worst_exit(std::initializer_list<ExitCode> codes) {
  return worst_exit(std::span<const ExitCode>(codes.begin(), codes.size()));
}

}  // namespace canary
