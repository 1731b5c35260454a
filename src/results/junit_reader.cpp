#include <canary/junit_results.hpp>

#include "junit_status.hpp"
#include "message_text.hpp"
#include "model/text_bytes.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace canary {
namespace {

using results_detail::JunitCase;

// Nested <testsuite> deeper than this is not a report (nothing real nests more than a few).
constexpr int kMaxSuiteDepth = 64;

// Byte offsets to 1-based lines: pugixml reports offsets, people read lines.
class Lines {
 public:
  explicit Lines(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }
  std::size_t line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 1;
    const auto at = std::lower_bound(newlines_.begin(), newlines_.end(),
                                     static_cast<std::size_t>(offset));
    return static_cast<std::size_t>(at - newlines_.begin()) + 1;
  }

 private:
  std::vector<std::size_t> newlines_;
};

// The offset of the first byte that is not UTF-8 (or is NUL), or npos.
std::size_t first_bad_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c != 0 && c < 0x80) {
      ++i;
      continue;
    }
    unsigned code = 0;
    const std::size_t length = c == 0 ? 0 : utf8_sequence(text, i, code);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::optional<double> milliseconds(const pugi::xml_node& testcase) {
  const pugi::xml_attribute time = testcase.attribute("time");
  if (!time) return std::nullopt;
  const std::string text = time.value();
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(seconds) ||
      seconds < 0) {
    return std::nullopt;  // a duration is informative only: a bad one is dropped, not judged
  }
  return seconds * 1000.0;
}

class Reader {
 public:
  Reader(std::string_view xml, const std::string& source) : source_(source), lines_(xml) {}

  // The error message, or "" with `tests` filled.
  std::string read(std::string_view xml, results_detail::TierTests& tests) {
    pugi::xml_document doc;
    const unsigned options = pugi::parse_default | pugi::parse_declaration | pugi::parse_doctype |
                             pugi::parse_fragment;  // keeps text outside the root, to refuse it
    const pugi::xml_parse_result parsed =
        doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
    if (!parsed) {
      return at(parsed.offset, std::string("malformed XML: ") + parsed.description());
    }
    pugi::xml_node root;
    for (const pugi::xml_node node : doc.children()) {
      if (node.type() == pugi::node_doctype) {
        return at(node, "a DOCTYPE: a JUnit report has none, and its entities are not expanded");
      }
      if (node.type() == pugi::node_declaration) {
        const std::string encoding = node.attribute("encoding").value();
        if (!encoding.empty() && !is_utf8_name(encoding)) {
          return at(node, "declares encoding " + results_detail::in_quotes(encoding) +
                              ": JUnit XML here is UTF-8");
        }
      }
      if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
        return at(node, "text outside the root element");
      }
      if (node.type() != pugi::node_element) continue;
      if (root) {
        return at(node, "a second root element <" + std::string(node.name()) +
                            "> (a report has one <testsuites> or <testsuite>)");
      }
      root = node;
    }
    if (!root) return at(0, "no root element: expected <testsuites> or <testsuite>");
    const std::string_view name = root.name();
    if (name != "testsuites" && name != "testsuite") {
      return at(root, "root element <" + hex_escaped(name, 64) +
                          ">: expected <testsuites> or <testsuite>");
    }
    return read_suite(root, 0, tests);
  }

 private:
  static bool is_utf8_name(std::string encoding) {
    std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return encoding == "utf-8" || encoding == "utf8";
  }

  std::string at(std::ptrdiff_t offset, const std::string& message) const {
    return source_ + ":" + std::to_string(lines_.line_of(offset)) + ": " + message;
  }
  std::string at(const pugi::xml_node& node, const std::string& message) const {
    return at(node.offset_debug(), message);
  }

  // <testsuites> or <testsuite>: their testcases and nested suites; other children are metadata.
  std::string read_suite(const pugi::xml_node& suite, int depth, results_detail::TierTests& tests) {
    if (depth > kMaxSuiteDepth) {
      return at(suite, "<testsuite> nested more than " + std::to_string(kMaxSuiteDepth) + " deep");
    }
    for (const pugi::xml_node child : suite.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "testsuite") {
        if (auto problem = read_suite(child, depth + 1, tests); !problem.empty()) return problem;
      } else if (name == "testcase") {
        if (auto problem = read_case(child, tests); !problem.empty()) return problem;
      }
    }
    return "";
  }

  std::string read_case(const pugi::xml_node& node, results_detail::TierTests& tests) {
    const pugi::xml_attribute name = node.attribute("name");
    if (!name) return at(node, "<testcase> without a 'name' attribute");
    JunitCase c;
    c.name = name.value();
    c.classname = node.attribute("classname").value();
    c.ms = milliseconds(node);
    c.status_attribute = node.attribute("status").value();
    c.result_attribute = node.attribute("result").value();
    for (const pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view kind = child.name();
      if (kind == "failure") {
        if (c.failures++ == 0) c.failure_message = child.attribute("message").value();
      } else if (kind == "error") {
        ++c.errors;
      } else if (kind == "skipped") {
        if (c.skips++ == 0) {
          c.skip_message = child.attribute("message").value();
          c.skip_type = child.attribute("type").value();
        }
      } else if (kind == "flakyFailure" || kind == "rerunFailure") {
        c.reruns.push_back(Status::fail);
      } else if (kind == "flakyError" || kind == "rerunError") {
        c.reruns.push_back(Status::error);
      }
    }
    tests.add(c);
    return "";
  }

  const std::string& source_;
  Lines lines_;
};

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ParsedJunitTier parse_junit(std::string_view xml, const std::string& source,
                            const std::string& tier) {
  ParsedJunitTier out;
  out.tier.name = tier;
  if (xml.empty()) {
    out.error = source + ":1: empty, no XML document";
    return out;
  }
  if (std::all_of(xml.begin(), xml.end(), is_whitespace)) {
    out.error = source + ":1: only whitespace, no XML document";
    return out;
  }
  if (xml.starts_with("\xFF\xFE") || xml.starts_with("\xFE\xFF")) {
    out.error = source + ":1: starts with a UTF-16 byte order mark: JUnit XML here is UTF-8";
    return out;
  }
  if (const std::size_t bad = first_bad_utf8(xml); bad != std::string_view::npos) {
    const Lines lines(xml.substr(0, bad));
    out.error = source + ":" + std::to_string(lines.line_of(static_cast<std::ptrdiff_t>(bad))) +
                ": " + (xml[bad] == '\0' ? "a NUL byte"
                                          : "not UTF-8: byte " + hex_escaped(xml.substr(bad, 1), 4));
    return out;
  }
  try {
    results_detail::TierTests tests;
    Reader reader(xml, source);
    out.error = reader.read(xml, tests);
    if (!out.error.empty()) return out;
    out.tier.tests = tests.take();
  } catch (const std::exception& error) {
    // Only allocation failures get here: pugixml reports bad input in its result.
    out.error = source + ": cannot parse: " + error.what();
    return out;
  }
  out.tier.status = results_detail::tier_status(out.tier.tests);
  if (out.tier.tests.empty()) out.tier.skip_reason = "the JUnit report holds no testcase";
  return out;
}

}  // namespace canary
