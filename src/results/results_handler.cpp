#include "results_handler.hpp"

#include "message_text.hpp"

#include <climits>
#include <cmath>
#include <span>

namespace canary::results_detail {

ResultsHandler::ResultsHandler(std::size_t input_size) : input_size_(input_size) {
  frames_.reserve(8);
}

Slot ResultsHandler::slot() const {
  if (frames_.empty()) return Slot::root;
  const Frame& frame = frames_.back();
  return is_array(frame.kind) ? member_slot(frame.kind) : frame.member;
}

bool ResultsHandler::key(Json::string_t& name) {
  if (ignored_depth_ > 0) return true;
  Frame& frame = frames_.back();
  if (is_map(frame.kind)) {
    frame.key = name;
    frame.member = member_slot(frame.kind);
    return true;
  }
  const std::span<const KnownKey> known = known_keys(frame.kind);
  frame.member = Slot::ignored;
  frame.known_key = {};
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (known[i].key != name) continue;
    const std::uint32_t bit = 1u << i;
    if ((frame.seen & bit) != 0) return fail_duplicate(name);
    frame.seen |= bit;
    frame.member = known[i].slot;
    frame.known_key = known[i].key;
    if (is_schema2_key(known[i].slot) && first_schema2_key_ == nullptr)
      first_schema2_key_ = known[i].key.data();
    break;
  }
  return true;
}

bool ResultsHandler::null() { return on_scalar(Scalar(Scalar::Kind::null)); }

bool ResultsHandler::boolean(bool value) {
  Scalar scalar(Scalar::Kind::boolean);
  scalar.boolean = value;
  return on_scalar(scalar);
}

bool ResultsHandler::number_integer(Json::number_integer_t value) {
  Scalar scalar(Scalar::Kind::integer);
  scalar.negative = value < 0;
  scalar.magnitude =
      value < 0 ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  return on_scalar(scalar);
}

bool ResultsHandler::number_unsigned(Json::number_unsigned_t value) {
  Scalar scalar(Scalar::Kind::integer);
  scalar.magnitude = value;
  return on_scalar(scalar);
}

bool ResultsHandler::number_float(Json::number_float_t value, const Json::string_t& literal) {
  Scalar scalar(Scalar::Kind::floating);
  scalar.floating = value;
  scalar.text = literal;
  return on_scalar(scalar);
}

bool ResultsHandler::string(Json::string_t& value) {
  Scalar scalar(Scalar::Kind::string);
  scalar.text = value;
  return on_scalar(scalar);
}

// JSON text never yields binary values; only CBOR and friends do.
bool ResultsHandler::binary(Json::binary_t& /*value*/) {
  return fail(path(true) + ": unexpected binary value");
}

bool ResultsHandler::start_object(std::size_t /*elements*/) { return on_container(true); }
bool ResultsHandler::start_array(std::size_t /*elements*/) { return on_container(false); }
bool ResultsHandler::end_object() { return on_end(); }
bool ResultsHandler::end_array() { return on_end(); }

bool ResultsHandler::parse_error(std::size_t position, const std::string& /*last_token*/,
                                 const nlohmann::detail::exception& error) {
  error_ = syntax_error(error.what(), position, input_size_);
  return false;
}

bool ResultsHandler::on_scalar(const Scalar& value) {
  if (ignored_depth_ > 0) return true;
  const Slot current = slot();
  bool ok = true;
  switch (current) {
    case Slot::ignored:
      break;
    case Slot::schema:
      ok = read_schema(value);
      break;
    case Slot::metadata:
      ok = read_metadata(value);
      break;
    case Slot::level:
      ok = read_level(value);
      break;
    case Slot::tier_status: {
      std::optional<Status> status;
      ok = read_status(value, status) &&
           fail_if_any(draft_.add_result_status(frames_.back().key, *status));
      break;
    }
    case Slot::stage_name:
      ok = read_string(value, stage_.name.emplace(), true);
      break;
    case Slot::stage_status:
      ok = read_status(value, stage_.status);
      break;
    case Slot::test_name:
      ok = read_string(value, test_name_.emplace(), true);
      break;
    case Slot::test_status:
      ok = read_status(value, test_status_, /*for_test=*/true);
      break;
    case Slot::test_ms:
      ok = read_ms(value);
      break;
    case Slot::rung_status: {
      std::optional<Status> status;
      ok = read_status(value, status) &&
           (result_.rungs.emplace(frames_.back().key, *status).second ||
            fail_duplicate(frames_.back().key));
      break;
    }
    case Slot::flag:
      if (value.kind != Scalar::Kind::boolean)
        return fail_type(expected_for(Slot::flag), describe(value));
      ok = result_.flags.emplace(frames_.back().key, value.boolean).second ||
           fail_duplicate(frames_.back().key);
      break;
    case Slot::skip_reason: {
      std::string reason;
      ok = read_string(value, reason, false) &&
           fail_if_any(draft_.add_skip(frames_.back().key, reason, std::nullopt));
      break;
    }
    case Slot::skip_tier:
    case Slot::skip_name:
      if (skip_tier_) return fail(path(false) + ": has both 'tier' and 'name'");
      ok = read_string(value, skip_tier_.emplace(), true);
      break;
    case Slot::skip_entry_reason:
      ok = read_string(value, skip_reason_.emplace(), false);
      break;
    default:
      return fail_type(expected_for(current), describe(value));  // a container was due
  }
  if (ok) value_done();
  return ok;
}

bool ResultsHandler::on_container(bool is_object) {
  if (ignored_depth_ > 0) {
    ++ignored_depth_;
    return true;
  }
  const Slot current = slot();
  const char* got = is_object ? "an object" : "an array";
  const auto want = [&](bool object, FrameKind kind) {
    if (object != is_object) return fail_type(expected_for(current), got);
    push(kind);
    return true;
  };
  switch (current) {
    case Slot::ignored:
      ignored_depth_ = 1;
      return true;
    case Slot::root:
      return want(true, FrameKind::top);
    case Slot::results:
      has_results_ = true;
      return want(true, FrameKind::results);
    case Slot::stages:
      has_stages_ = true;
      return want(false, FrameKind::stages);
    case Slot::stage:
      stage_ = StageParts{};
      return want(true, FrameKind::stage);
    case Slot::tests:
      return want(false, FrameKind::tests);
    case Slot::test:
      test_name_.reset();
      test_status_.reset();
      test_ms_.reset();
      return want(true, FrameKind::test);
    case Slot::rungs:
      return want(true, FrameKind::rungs);
    case Slot::flags:
      return want(true, FrameKind::flags);
    case Slot::skips:
      return want(is_object, is_object ? FrameKind::skip_map : FrameKind::skip_list);
    case Slot::skip_entry:
      skip_tier_.reset();
      skip_reason_.reset();
      return want(true, FrameKind::skip_entry);
    default:
      return fail_type(expected_for(current), got);
  }
}

bool ResultsHandler::on_end() {
  if (ignored_depth_ > 0) {
    if (--ignored_depth_ == 0) value_done();
    return true;
  }
  if (!finish_frame()) return false;
  frames_.pop_back();
  value_done();
  return true;
}

bool ResultsHandler::finish_frame() {
  switch (frames_.back().kind) {
    case FrameKind::test:
      return finish_test();
    case FrameKind::stage:
      return fail_if_any(draft_.add_stage(std::move(stage_), frames_[frames_.size() - 2].index));
    case FrameKind::skip_entry:
      return finish_skip_entry();
    case FrameKind::top:
      return finish_document();
    default:
      return true;
  }
}

bool ResultsHandler::finish_test() {
  if (!test_name_) return fail(path(false) + ": missing 'name'");
  if (!test_status_) return fail(path(false) + ": missing 'status'");
  if (stage_.tests.capacity() == 0) stage_.tests.reserve(8);
  stage_.tests.push_back(TestResult{std::move(*test_name_), *test_status_, test_ms_});
  return true;
}

bool ResultsHandler::finish_skip_entry() {
  if (!skip_tier_) return fail(path(false) + ": missing 'tier' (or 'name')");
  if (!skip_reason_) return fail(path(false) + ": missing 'reason'");
  return fail_if_any(
      draft_.add_skip(*skip_tier_, *skip_reason_, frames_[frames_.size() - 2].index));
}

bool ResultsHandler::finish_document() {
  if (!has_results_ && !has_stages_) {
    return fail("$: nothing to judge: neither 'results' nor 'stages' is present");
  }
  if (declared_schema_ == 1 && first_schema2_key_ != nullptr) {
    return fail(std::string("$.schema: 1, but the document has the schema-2 key '") +
                first_schema2_key_ + "'");
  }
  result_.schema = declared_schema_.value_or(first_schema2_key_ != nullptr ? 2 : 1);
  return fail_if_any(draft_.finish(result_));
}

bool ResultsHandler::read_status(const Scalar& value, std::optional<Status>& out, bool for_test) {
  if (value.kind != Scalar::Kind::string)
    return fail_type(expected_for(Slot::tier_status), describe(value));
  out = parse_status(value.text);
  const std::string_view words = for_test ? kTestStatusWords : kTierStatusWords;
  if (!out || (!for_test && !is_tier_status(*out))) {
    return fail(path(true) + ": " + (out ? "test-only" : "unknown") + " status " +
                in_quotes(value.text) + " (expected " + std::string(words) + ")");
  }
  return true;
}

bool ResultsHandler::read_string(const Scalar& value, std::string& out, bool non_empty) {
  if (value.kind != Scalar::Kind::string)
    return fail_type(expected_for(Slot::metadata), describe(value));
  if (non_empty && value.text.empty()) return fail(path(true) + ": empty name");
  out.assign(value.text);
  return true;
}

bool ResultsHandler::read_level(const Scalar& value) {
  if (value.kind == Scalar::Kind::integer && !value.negative) {
    if (value.magnitude > static_cast<std::uint64_t>(INT_MAX)) {
      return fail(path(true) + ": " + describe(value) + " is out of range (at most " +
                  std::to_string(INT_MAX) + ")");
    }
    result_.level = static_cast<int>(value.magnitude);
    return true;
  }
  const bool whole = value.kind == Scalar::Kind::floating && value.floating >= 0 &&
                     value.floating <= INT_MAX && std::trunc(value.floating) == value.floating;
  if (!whole) return fail_type(expected_for(Slot::level), describe(value));
  result_.level = static_cast<int>(value.floating);
  return true;
}

bool ResultsHandler::read_schema(const Scalar& value) {
  if (value.kind != Scalar::Kind::integer || value.negative || value.magnitude < 1 ||
      value.magnitude > 2) {
    return fail_type(expected_for(Slot::schema), describe(value));
  }
  declared_schema_ = static_cast<int>(value.magnitude);
  return true;
}

bool ResultsHandler::read_ms(const Scalar& value) {
  if (value.kind == Scalar::Kind::integer && !value.negative) {
    test_ms_ = static_cast<double>(value.magnitude);
  } else if (value.kind == Scalar::Kind::floating && value.floating >= 0) {
    test_ms_ = value.floating;
  } else {
    return fail_type(expected_for(Slot::test_ms), describe(value));
  }
  return true;
}

bool ResultsHandler::read_metadata(const Scalar& value) {
  const std::string_view name = frames_.back().known_key;
  std::string& out = name == "recipe"   ? result_.recipe
                     : name == "ref"    ? result_.ref
                     : name == "run_id" ? result_.run_id
                                        : result_.finished;
  return read_string(value, out, false);
}

void ResultsHandler::push(FrameKind kind) { frames_.emplace_back(kind); }

void ResultsHandler::value_done() {
  if (!frames_.empty() && is_array(frames_.back().kind)) ++frames_.back().index;
}

bool ResultsHandler::fail(std::string message) {
  error_ = std::move(message);
  return false;
}

bool ResultsHandler::fail_if_any(std::string problem) {
  return problem.empty() || fail(std::move(problem));
}

bool ResultsHandler::fail_duplicate(std::string_view key) {
  return fail(path(false) + ": duplicate key " + in_quotes(key));
}

bool ResultsHandler::fail_type(const char* expected, std::string_view got) {
  return fail(path(true) + ": expected " + expected + ", got " + std::string(got));
}

std::string ResultsHandler::path(bool with_current_member) const {
  std::string out = "$";
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    if (i + 1 == frames_.size() && !with_current_member) break;
    if (is_array(frames_[i].kind)) {
      append_index(out, frames_[i].index);
    } else {
      append_member(
          out, is_map(frames_[i].kind) ? std::string_view(frames_[i].key) : frames_[i].known_key);
    }
  }
  return out;
}

}  // namespace canary::results_detail
