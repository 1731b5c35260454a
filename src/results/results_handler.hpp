#pragma once
// nlohmann's SAX events turned into a RunResult as they stream past: no DOM, types checked
// on the spot, document order kept, every error named by its JSON path.

#include "results_tiers.hpp"
#include "results_grammar.hpp"
#include "scalar.hpp"

#include <canary/run_result.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::results_detail {

class ResultsHandler {
 public:
  using Json = nlohmann::json;

  // `input_size` tells a truncated document (error past the end) from a malformed one.
  explicit ResultsHandler(std::size_t input_size);

  bool null();
  bool boolean(bool value);
  bool number_integer(Json::number_integer_t value);
  bool number_unsigned(Json::number_unsigned_t value);
  bool number_float(Json::number_float_t value, const Json::string_t& literal);
  bool string(Json::string_t& value);
  bool binary(Json::binary_t& value);
  bool start_object(std::size_t elements);
  bool key(Json::string_t& name);
  bool end_object();
  bool start_array(std::size_t elements);
  bool end_array();
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error);

  // The message (without the source name) when the document was rejected, else "".
  const std::string& error() const { return error_; }
  RunResult& result() { return result_; }

 private:
  struct Frame {
    explicit Frame(FrameKind frame_kind) : kind(frame_kind) {}
    FrameKind kind;
    std::string key;              // the member being read, in maps (results, rungs, flags, skips)
    std::string_view known_key;   // the member being read, in other objects; empty when ignored
    std::size_t index = 0;        // the element being read, in arrays
    std::uint32_t seen = 0;       // bits of the known keys already read, to refuse duplicates
    Slot member = Slot::ignored;  // what the value of `key` must be
  };
  Slot slot() const;
  bool on_scalar(const Scalar& value);
  bool on_container(bool is_object);
  bool on_end();
  bool finish_frame();
  bool finish_test();
  bool finish_skip_entry();
  bool finish_document();

  bool read_status(const Scalar& value, std::optional<Status>& out, bool for_test = false);
  bool read_string(const Scalar& value, std::string& out, bool non_empty);
  bool read_level(const Scalar& value);
  bool read_schema(const Scalar& value);
  bool read_ms(const Scalar& value);
  bool read_metadata(const Scalar& value);
  void push(FrameKind kind);
  void value_done();

  bool fail(std::string message);
  // True when `problem` is empty, else fails with it.
  bool fail_if_any(std::string problem);
  bool fail_duplicate(std::string_view key);  // at the object holding `key`
  bool fail_type(const char* expected, std::string_view got);
  std::string path(bool with_current_member) const;

  std::size_t input_size_;
  std::vector<Frame> frames_;
  std::size_t ignored_depth_ = 0;
  RunResult result_;
  ResultsTiers draft_;
  StageParts stage_;
  std::optional<std::string> test_name_;
  std::optional<Status> test_status_;
  std::optional<double> test_ms_;
  std::optional<std::string> skip_tier_;
  std::optional<std::string> skip_reason_;
  std::optional<int> declared_schema_;
  const char* first_schema2_key_ = nullptr;
  bool has_results_ = false;
  bool has_stages_ = false;
  std::string error_;
};

}  // namespace canary::results_detail
