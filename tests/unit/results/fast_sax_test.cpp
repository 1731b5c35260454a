// The results parser's fast path must be invisible: for every document it accepts it feeds
// the handler exactly the events nlohmann's SAX parser feeds it, it stops at the same event
// when the handler refuses one, and everything else (escapes, non-ASCII, syntax errors, long
// integers) is left to nlohmann.
#include "fast_sax.hpp"
#include "sax_recorder.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace canary::results_detail {
namespace {

using Json = nlohmann::json;
using testing::nlohmann_events;
using testing::Recorder;

std::string read_data(const char* name) {
  std::ifstream in(std::string(CANARY_SOURCE_DIR) + "/tests/unit/results/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<std::string> kAccepted = {
    R"({})",
    R"([])",
    R"(  {"a": [], "b": {}, "c": [[], {}]}  )",
    "{\n\t\"recipe\": \"custom-html-tiny\",\r\n \"results\": {\"install\": \"pass\"}}\n",
    R"([0, -0, 7, -7, 123456789012345678, -123456789012345678])",
    R"([1.5, -2.25e3, 1E+2, 0.1, 3e-2, -0.0, 12.50])",
    R"j([true, false, null, "", "x y z ~!@#$%^&*()"])j",
    R"({"stages": [{"name": "install", "status": "pass", "tests": [{"name": "t", "status": "pass", "ms": 812}]}]})",
    R"({"a": 1, "a": 2})",
    R"("just a string")",
    R"(42)",
    std::string(500, '[') + std::string(500, ']'),
};

const std::vector<std::string> kLeftToNlohmann = {
    R"({"a": "tab\tescaped"})",
    R"({"a": "\u00e9"})",
    "{\"a\": \"caf\xc3\xa9\"}",
    "\xef\xbb\xbf{}",
    R"([1234567890123456789])",
    R"([1e999])",
    R"([-1e999])",
    R"([01])",
    R"([1.])",
    R"([1e])",
    R"([-])",
    R"({"a" 1})",
    R"({"a": 1,})",
    R"([1,])",
    R"({)",
    R"({"a": tru})",
    R"({} x)",
    R"({"a": nul})",
    "{\"a\": \"line\nbreak\"}",
    R"({'a': 1})",
    R"(+1)",
    R"({"a": 1} {"b": 2})",
};

TEST(FastSax, AcceptedDocumentsGiveNlohmannsEvents) {
  std::vector<std::string> documents = kAccepted;
  documents.push_back(read_data("ccci-schema1.json"));
  documents.push_back(read_data("ccci-schema2.json"));
  for (const std::string& text : documents) {
    SCOPED_TRACE(text.substr(0, 80));
    bool nlohmann_ok = false;
    const auto expected = nlohmann_events(text, 0, nlohmann_ok);
    ASSERT_TRUE(nlohmann_ok);
    Recorder fast;
    EXPECT_EQ(fast_sax_parse(text, fast), FastSax::accepted);
    EXPECT_EQ(fast.events(), expected);
  }
}

TEST(FastSax, ARefusedEventStopsBothParsersAtTheSameEvent) {
  const std::string text = read_data("ccci-schema2.json");
  bool ok = false;
  const std::size_t total = nlohmann_events(text, 0, ok).size();
  ASSERT_TRUE(ok);
  ASSERT_GT(total, 20u);
  for (std::size_t refuse_at = 1; refuse_at <= total; ++refuse_at) {
    SCOPED_TRACE(refuse_at);
    const auto expected = nlohmann_events(text, refuse_at, ok);
    EXPECT_FALSE(ok);
    Recorder fast(refuse_at);
    EXPECT_EQ(fast_sax_parse(text, fast), FastSax::rejected);
    EXPECT_EQ(fast.events(), expected);
  }
}

TEST(FastSax, EscapesNonAsciiLongIntegersAndSyntaxErrorsAreLeftToNlohmann) {
  for (const std::string& text : kLeftToNlohmann) {
    SCOPED_TRACE(text);
    Recorder fast;
    EXPECT_EQ(fast_sax_parse(text, fast), FastSax::unsupported);
    // Whatever it fed the handler before giving up, nlohmann fed it too (a prefix).
    bool ok = false;
    const auto expected = nlohmann_events(text, 0, ok);
    ASSERT_LE(fast.events().size(), expected.size());
    EXPECT_TRUE(std::equal(fast.events().begin(), fast.events().end(), expected.begin()));
  }
}

TEST(FastSax, TruncatedDocumentsAreLeftToNlohmannAtEveryCut) {
  const std::string text = read_data("ccci-schema2.json");
  std::size_t last = text.find_last_not_of(" \t\r\n");
  ASSERT_NE(last, std::string::npos);
  for (std::size_t cut = 0; cut <= last; ++cut) {
    SCOPED_TRACE(cut);
    Recorder fast;
    EXPECT_EQ(fast_sax_parse(std::string_view(text).substr(0, cut), fast), FastSax::unsupported);
  }
}

}  // namespace
}  // namespace canary::results_detail
