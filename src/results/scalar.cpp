#include "scalar.hpp"

#include "message_text.hpp"
#include "model/text_bytes.hpp"

namespace canary::results_detail {

std::string describe(const Scalar& value) {
  switch (value.kind) {
    case Scalar::Kind::null:
      return "null";
    case Scalar::Kind::boolean:
      return value.boolean ? "true" : "false";
    case Scalar::Kind::integer:
      return (value.negative ? "-" : "") + std::to_string(value.magnitude);
    case Scalar::Kind::floating:
      return hex_escaped(value.text, 40);
    case Scalar::Kind::string:
      return "a string";
  }
  return "a value";
}

}  // namespace canary::results_detail
