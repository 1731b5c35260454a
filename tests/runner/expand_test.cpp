#include <canary/profile.hpp>

#include <gtest/gtest.h>

namespace canary {
namespace {

struct ExpandCase {
  std::string text;
  std::optional<std::string> expanded;
  std::string error;
};

TEST(Expand, FillsPlaceholdersAndReportsBadTemplates) {
  const Placeholders values = {{"bin", "/opt/bin"}, {"run_id", "r-1"}, {"empty", ""}};
  const std::vector<ExpandCase> cases = {
      {"", "", ""},
      {"plain text", "plain text", ""},
      {"{bin}/tool", "/opt/bin/tool", ""},
      {"{bin}{run_id}", "/opt/binr-1", ""},
      {"--out={run_id}/x", "--out=r-1/x", ""},
      {"[{empty}]", "[]", ""},
      {"{{bin}}", "{bin}", ""},
      {"${{HOME:?unset}}", "${HOME:?unset}", ""},
      {"{{{bin}}}", "{/opt/bin}", ""},
      {"}}{{", "}{", ""},
      {"{nope}", std::nullopt, "unknown placeholder '{nope}'"},
      {"{}", std::nullopt, "unknown placeholder '{}'"},
      {"{BIN}", std::nullopt, "unknown placeholder '{BIN}'"},
      {"{bin", std::nullopt, "unclosed '{' (write '{{' for a literal brace)"},
      {"x{", std::nullopt, "unclosed '{' (write '{{' for a literal brace)"},
      {"bin}", std::nullopt, "unmatched '}' (write '}}' for a literal brace)"},
      {"{bin}}", std::nullopt, "unmatched '}' (write '}}' for a literal brace)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::string error = "stale";
    EXPECT_EQ(expand(c.text, values, &error), c.expanded);
    EXPECT_EQ(error, c.error);
  }
}

TEST(Expand, AcceptsANullErrorPointer) {
  EXPECT_EQ(expand("{x}", {}, nullptr), std::nullopt);
  EXPECT_EQ(expand("ok", {}, nullptr), "ok");
}

}  // namespace
}  // namespace canary
