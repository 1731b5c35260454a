#pragma once
// One JSON scalar as the SAX events deliver it, and how messages name a wrong one.

#include <cstdint>
#include <string>
#include <string_view>

namespace canary::results_detail {

struct Scalar {
  enum class Kind { null, boolean, integer, floating, string };
  explicit Scalar(Kind scalar_kind) : kind(scalar_kind) {}

  Kind kind;
  bool boolean = false;
  bool negative = false;
  std::uint64_t magnitude = 0;  // integers, without their sign
  double floating = 0;
  std::string_view text;  // a string's value or a float's literal
};

// "null", "true", "-1", "2.5", "a string": for "expected X, got Y" (strings are not echoed).
std::string describe(const Scalar& value);

}  // namespace canary::results_detail
