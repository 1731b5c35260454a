#pragma once
// A SAX handler that logs every event as text, so the results parser's fast path and
// nlohmann's own SAX parser can be compared event by event (unit tests and the fuzzer).

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace canary::testing {

using Json = nlohmann::json;

// Logs every event; refuses the event numbered `refuse_at` (1-based; 0 refuses none).
class Recorder {
 public:
  explicit Recorder(std::size_t refuse_at = 0) : refuse_at_(refuse_at) {}
  bool null() { return log("null"); }
  bool boolean(bool v) { return log(v ? "true" : "false"); }
  bool number_integer(Json::number_integer_t v) { return log("int " + std::to_string(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return log("uint " + std::to_string(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t& literal) {
    std::ostringstream text;
    text.precision(17);
    text << "float " << v << " '" << literal << "'";
    return log(text.str());
  }
  bool string(Json::string_t& v) { return log("string '" + v + "'"); }
  bool binary(Json::binary_t& /*v*/) { return log("binary"); }
  bool start_object(std::size_t n) { return log("{ " + std::to_string(n)); }
  bool key(Json::string_t& v) { return log("key '" + v + "'"); }
  bool end_object() { return log("}"); }
  bool start_array(std::size_t n) { return log("[ " + std::to_string(n)); }
  bool end_array() { return log("]"); }
  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return log("parse_error at " + std::to_string(position));
  }
  const std::vector<std::string>& events() const { return events_; }

 private:
  bool log(std::string event) {
    events_.push_back(std::move(event));
    return events_.size() != refuse_at_;
  }
  std::size_t refuse_at_;
  std::vector<std::string> events_;
};

inline std::vector<std::string> nlohmann_events(const std::string& text, std::size_t refuse_at,
                                                bool& ok) {
  Recorder recorder(refuse_at);
  ok = Json::sax_parse(text, &recorder);
  return recorder.events();
}

}  // namespace canary::testing
