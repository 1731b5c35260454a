#pragma once
// The exit codes of every Canary program, so CI can tell failures apart, and the one error type
// that carries its code (CLI11's model: an error knows its exit code, main turns it into one).

#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>

namespace canary {

enum class ExitCode : int {
  ok = 0,              // every selected canary passed (PASS or XFAIL)
  canary_failed = 1,   // a canary reported MISMATCH or XPASS
  usage_error = 2,     // a spec, profile or command line is wrong
  tool_error = 3,      // a harness did not complete, or artifacts are unreadable
  nothing_selected = 4,
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

enum class Outcome;  // <canary/verdict.hpp>
// The exit code one canary's outcome asks for: 0 when it passed, 3 for a TOOL_ERROR, else 1.
ExitCode exit_code_of(Outcome outcome);

// When several codes apply, the one to report: 2 before 1 before 3 (a wrong spec or profile
// first, since nothing it ran can be trusted; then a regressed canary, the news a CI job must
// not bury under an infrastructure fault; then the tool error), then 4, then 0.
ExitCode worst_exit(ExitCode a, ExitCode b);
ExitCode worst_exit(std::span<const ExitCode> codes);
ExitCode worst_exit(std::initializer_list<ExitCode> codes);

// A failure that ends a command: its message for stderr and the exit code that says what kind.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

}  // namespace canary
