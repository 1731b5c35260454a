#include <canary/spec_loader.hpp>

#include <gtest/gtest.h>

#include <optional>

namespace canary {
namespace {

struct NameRow {
  std::string name;
  std::string text;
  std::string sanitized;
};

// Names the row in failure messages instead of dumping its bytes.
void PrintTo(const NameRow& row, std::ostream* out) { *out << '"' << row.name << '"'; }

const NameRow kNames[] = {
    {"already_valid", "ok_Name9", "ok_Name9"},
    {"dashes", "bad-backup", "bad_backup"},
    {"punctuation_and_space", "a.b c/d", "a_b_c_d"},
    {"nothing_collapsed", "--", "__"},
    {"leading_digit_kept", "9lives", "9lives"},
    {"utf8_bytes", "caf\xc3\xa9", "caf__"},
    {"empty", "", "unnamed"},
};

class TestName : public ::testing::TestWithParam<NameRow> {};

TEST_P(TestName, Sanitizes) {
  EXPECT_EQ(sanitize_test_name(GetParam().text), GetParam().sanitized);
}

INSTANTIATE_TEST_SUITE_P(Rows, TestName, ::testing::ValuesIn(kNames),
                         [](const auto& row) { return row.param.name; });

}  // namespace
}  // namespace canary
