#pragma once
// The exit codes of every Canary program, so CI can tell failures apart.

namespace canary {

enum class ExitCode : int {
  ok = 0,              // every selected canary passed (PASS or XFAIL)
  canary_failed = 1,   // a canary reported MISMATCH or XPASS
  usage_error = 2,     // a spec, profile or command line is wrong
  tool_error = 3,      // a harness did not complete, or artifacts are unreadable
  nothing_selected = 4,
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace canary
