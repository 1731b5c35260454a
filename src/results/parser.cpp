#include <canary/results_parser.hpp>

#include "fast_sax.hpp"
#include "results_handler.hpp"

#include <canary/safe_file.hpp>
#include <canary/secrets.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>

namespace canary {
namespace {

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

ParsedResults failure(const std::string& source, std::string_view message) {
  ParsedResults out;
  out.error = source + ": " + std::string(message);
  return out;
}

// Secrets replaced in every decoded string before anything quotes, cuts or escapes it.
class MaskedHandler : public results_detail::ResultsHandler {
 public:
  MaskedHandler(std::size_t input_size, const SecretMask& mask)
      : ResultsHandler(input_size), mask_(mask) {}
  bool string(Json::string_t& value) {
    if (!mask_.empty()) value = mask_.apply(value);
    return ResultsHandler::string(value);
  }
  bool key(Json::string_t& name) {
    if (!mask_.empty()) name = mask_.apply(name);
    return ResultsHandler::key(name);
  }

 private:
  const SecretMask& mask_;
};

}  // namespace

ParsedResults parse_results(std::string_view json_text, const std::string& source) {
  return parse_results(json_text, source, SecretMask());
}

ParsedResults parse_results(std::string_view json_text, const std::string& source,
                            const SecretMask& mask) {
  if (json_text.empty()) return failure(source, "empty, no JSON document");
  if (std::all_of(json_text.begin(), json_text.end(), is_json_whitespace)) {
    return failure(source, "only whitespace, no JSON document");
  }
  if (json_text.starts_with("\xFF\xFE") || json_text.starts_with("\xFE\xFF")) {
    return failure(source, "starts with a UTF-16 byte order mark: JSON here is UTF-8");
  }
  // Where the NUL is inside the document, the parsers below say what is wrong there.
  if (const auto nul = json_text.find('\0');
      nul != std::string_view::npos && nlohmann::json::accept(json_text.substr(0, nul))) {
    return failure(source, results_detail::nul_byte_message(nul, true));
  }
  try {
    // The fast path first; it leaves everything it does not handle, errors included, to
    // nlohmann, which then parses the text again from scratch into a fresh handler.
    MaskedHandler fast(json_text.size(), mask);
    switch (results_detail::fast_sax_parse(json_text, fast)) {
      case results_detail::FastSax::accepted: {
        ParsedResults out;
        out.result = std::move(fast.result());
        return out;
      }
      case results_detail::FastSax::rejected:
        return failure(source, fast.error().empty() ? "rejected by the JSON parser" : fast.error());
      case results_detail::FastSax::unsupported:
        break;
    }
  } catch (const std::exception& error) {
    return failure(source, std::string("cannot parse: ") + error.what());
  }
  MaskedHandler handler(json_text.size(), mask);
  try {
    const bool ok = nlohmann::json::sax_parse(json_text.begin(), json_text.end(), &handler);
    if (!ok)
      return failure(source,
                     handler.error().empty() ? "rejected by the JSON parser" : handler.error());
  } catch (const std::exception& error) {
    // Only allocation failures get here: the SAX interface reports bad input through the handler.
    return failure(source, std::string("cannot parse: ") + error.what());
  }
  ParsedResults out;
  out.result = std::move(handler.result());
  return out;
}

ParsedResults parse_results_file(const std::string& path) {
  return parse_results_file(path, SecretMask());
}

ParsedResults parse_results_file(const std::string& path, const SecretMask& mask) {
  try {
    auto file = read_regular_file(path, kMaxResultsFileBytes);
    if (!file.error.empty()) return failure(path, file.error);
    return parse_results(file.text, path, mask);
  } catch (const std::exception& error) {
    return failure(path, std::string("cannot read: ") + error.what());
  }
}

}  // namespace canary
