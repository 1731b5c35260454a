#include <canary/verdict.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace canary {
namespace {

struct GlobCase {
  std::string pattern;
  std::string text;
  bool matches;
};

void PrintTo(const GlobCase& row, std::ostream* out) {
  *out << "'" << row.pattern << "' vs '" << row.text << "'";
}

const std::string k30As(30, 'a');

const std::vector<GlobCase> kGlobCases = {
    // literal
    {"test_serving", "test_serving", true},
    {"test_serving", "test_servin", false},
    {"test_serving", "test_serving2", false},
    {"", "", true},
    {"", "a", false},
    // *
    {"*", "", true},
    {"*", "anything", true},
    {"test_content_type*", "test_content_type", true},
    {"test_content_type*", "test_content_type_css", true},
    {"test_content_type*", "test_content", false},
    {"*_state", "test_backup_captures_state", true},
    {"test_*_state", "test_backup_captures_state", true},
    {"test_*_state", "test_backup_captures_status", false},
    {"a**b", "ab", true},
    {"*a*b*c*", "xxaxxbxxcxx", true},
    {"*a*b*c*", "xxaxxcxxbxx", false},
    // ?
    {"test_?", "test_1", true},
    {"test_?", "test_", false},
    {"test_?", "test_12", false},
    {"??", "ab", true},
    {"?*", "", false},
    // classes
    {"test_[abc]", "test_b", true},
    {"test_[abc]", "test_d", false},
    {"test_[a-z]", "test_q", true},
    {"test_[a-z]", "test_Q", false},
    {"test_[a-cx-z]", "test_y", true},
    {"test_[!x]", "test_y", true},
    {"test_[!x]", "test_x", false},
    {"test_[!a-c]", "test_b", false},
    {"[]]", "]", true},
    {"[!]]", "]", false},
    {"[!]]", "a", true},
    {"[a-]", "-", true},
    {"[*?]", "*", true},
    {"[*?]", "a", false},
    {"*[0-9]", "test_9", true},
    {"*[0-9]", "test_x", false},
    // an unclosed [ is a literal [
    {"test_[abc", "test_[abc", true},
    {"test_[abc", "test_a", false},
    {"[", "[", true},
    {"a[", "a[", true},
    {"*[", "xx[", true},
    // pathological: must finish quickly (greedy with one backtrack point)
    {"a*a*a*a*a*b", k30As, false},
    {"a*a*a*a*a*a", k30As, true},
    {"*a*a*a*a*a*a*a*a*a*a*b", std::string(100, 'a'), false},
    {std::string(50, '*') + "b", std::string(10000, 'a'), false},
    {"*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?", k30As, false},
    {"*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?", k30As, true},
};

class Glob : public ::testing::TestWithParam<GlobCase> {};

TEST_P(Glob, Matches) {
  const GlobCase& row = GetParam();
  EXPECT_EQ(glob_match(row.pattern, row.text), row.matches);
}

INSTANTIATE_TEST_SUITE_P(Patterns, Glob, ::testing::ValuesIn(kGlobCases));

}  // namespace
}  // namespace canary
