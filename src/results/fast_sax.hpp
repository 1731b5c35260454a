#pragma once
// A strict fast path in front of nlohmann's SAX parser, for the documents harnesses actually
// write: ASCII strings without escapes, integers, plain decimals, true/false/null. It feeds the
// same handler the same events in the same order as nlohmann::json::sax_parse would. Anything
// else (an escape, a non-ASCII byte, a BOM, an integer too long to be sure of, any syntax
// error) makes it give up, and the caller parses the text again with nlohmann from scratch, so
// every error message stays nlohmann's. Profiled reason: nlohmann's lexer copies strings one
// push_back at a time and was about 40% of `canary verify`'s instructions.
// The results library's JSON reading API for Canary's other libraries (the record reader uses
// it as "results/fast_sax.hpp"); not installed, since it is nlohmann-shaped.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace canary::results_detail {

enum class FastSax {
  accepted,     // a whole valid document; the handler accepted every event
  rejected,     // the handler returned false; its state says why (the same as nlohmann's run)
  unsupported,  // left to nlohmann: discard the handler and parse again
};

namespace results_detail {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace results_detail

// nlohmann's lexer takes a NUL byte for the end of its input and ignores what follows, so
// callers look for one first: a document ends where its JSON ends. `after_document` says
// whether the text before the NUL is a whole document.
inline std::string nul_byte_message(std::size_t offset, bool after_document) {
  return (after_document ? "trailing bytes after the JSON document at byte offset "
                         : "a NUL byte inside the JSON document at byte offset ") +
         std::to_string(offset) + (after_document ? " (a NUL byte)" : "");
}

// Handler: nlohmann's SAX interface (null, boolean, number_integer, number_unsigned,
// number_float, string, key, start_object, end_object, start_array, end_array).
template <class Handler>
FastSax fast_sax_parse(std::string_view text, Handler& handler) {
  using results_detail::is_digit;
  using results_detail::is_space;
  constexpr auto kUnknownSize = static_cast<std::size_t>(-1);  // what nlohmann passes
  const char* p = text.data();
  const char* const end = p + text.size();
  std::string stack;  // '{' or '[' per open container (cheaper than std::vector<bool>)
  std::string buffer;
  std::string number;

  auto skip_space = [&] {
    while (p < end && is_space(*p)) ++p;
  };
  // At the opening quote; false when the string is not plain printable ASCII.
  auto read_string = [&]() -> bool {
    const char* const start = ++p;
    while (p < end) {
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') break;
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;
      ++p;
    }
    if (p == end) return false;
    buffer.assign(start, p);
    ++p;
    return true;
  };
  // An object's closing bracket and events when `object`, else an array's.
  auto closer = [](bool object) { return object ? '}' : ']'; };
  auto start_container = [&](bool object) {
    return object ? handler.start_object(kUnknownSize) : handler.start_array(kUnknownSize);
  };
  auto end_container = [&](bool object) {
    return object ? handler.end_object() : handler.end_array();
  };

  enum class State { value, key, after_value };
  State state = State::value;
  for (;;) {
    switch (state) {
      case State::value: {
        skip_space();
        if (p == end) return FastSax::unsupported;
        const char c = *p;
        if (c == '{' || c == '[') {
          const bool object = c == '{';
          ++p;
          if (!start_container(object)) return FastSax::rejected;
          skip_space();
          if (p < end && *p == closer(object)) {
            ++p;
            if (!end_container(object)) return FastSax::rejected;
            state = State::after_value;
          } else {
            stack.push_back(c);
            state = object ? State::key : State::value;
          }
        } else if (c == '"') {
          if (!read_string()) return FastSax::unsupported;
          if (!handler.string(buffer)) return FastSax::rejected;
          state = State::after_value;
        } else if (c == '-' || is_digit(c)) {
          const char* const start = p;
          const bool negative = c == '-';
          if (negative) ++p;
          if (p == end) return FastSax::unsupported;
          if (*p == '0') {
            ++p;
            if (p < end && is_digit(*p)) return FastSax::unsupported;  // a leading zero
          } else if (is_digit(*p)) {
            while (p < end && is_digit(*p)) ++p;
          } else {
            return FastSax::unsupported;
          }
          const char* const int_end = p;
          bool floating = false;
          if (p < end && *p == '.') {
            floating = true;
            ++p;
            if (p == end || !is_digit(*p)) return FastSax::unsupported;
            while (p < end && is_digit(*p)) ++p;
          }
          if (p < end && (*p == 'e' || *p == 'E')) {
            floating = true;
            ++p;
            if (p < end && (*p == '+' || *p == '-')) ++p;
            if (p == end || !is_digit(*p)) return FastSax::unsupported;
            while (p < end && is_digit(*p)) ++p;
          }
          if (floating) {
            // nlohmann converts the literal with strtod too and passes it along.
            number.assign(start, p);
            const double value = std::strtod(number.c_str(), nullptr);
            if (!std::isfinite(value)) return FastSax::unsupported;  // nlohmann: overflow error
            if (!handler.number_float(value, number)) return FastSax::rejected;
          } else {
            const char* digits = negative ? start + 1 : start;
            // 18 digits always fit in int64; longer ones are nlohmann's (overflow rules).
            if (int_end - digits > 18) return FastSax::unsupported;
            std::uint64_t magnitude = 0;
            for (; digits < int_end; ++digits)
              magnitude = magnitude * 10 + static_cast<std::uint64_t>(*digits - '0');
            const bool ok = negative
                                ? handler.number_integer(-static_cast<std::int64_t>(magnitude))
                                : handler.number_unsigned(magnitude);
            if (!ok) return FastSax::rejected;
          }
          state = State::after_value;
        } else {
          bool ok = false;
          const auto rest = static_cast<std::size_t>(end - p);
          if (rest >= 4 && std::string_view(p, 4) == "true") {
            p += 4;
            ok = handler.boolean(true);
          } else if (rest >= 5 && std::string_view(p, 5) == "false") {
            p += 5;
            ok = handler.boolean(false);
          } else if (rest >= 4 && std::string_view(p, 4) == "null") {
            p += 4;
            ok = handler.null();
          } else {
            return FastSax::unsupported;
          }
          if (!ok) return FastSax::rejected;
          state = State::after_value;
        }
        break;
      }
      case State::key: {
        skip_space();
        if (p == end || *p != '"' || !read_string()) return FastSax::unsupported;
        if (!handler.key(buffer)) return FastSax::rejected;
        skip_space();
        if (p == end || *p != ':') return FastSax::unsupported;
        ++p;
        state = State::value;
        break;
      }
      case State::after_value: {
        skip_space();
        if (stack.empty()) return p == end ? FastSax::accepted : FastSax::unsupported;
        if (p == end) return FastSax::unsupported;
        const bool in_object = stack.back() == '{';
        if (*p == ',') {
          ++p;
          state = in_object ? State::key : State::value;
        } else if (*p == closer(in_object)) {
          ++p;
          stack.pop_back();
          if (!end_container(in_object)) return FastSax::rejected;
        } else {
          return FastSax::unsupported;
        }
        break;
      }
    }
  }
}

}  // namespace canary::results_detail
