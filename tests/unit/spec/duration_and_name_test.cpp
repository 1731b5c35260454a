#include <canary/spec_loader.hpp>

#include <gtest/gtest.h>

#include <optional>

namespace canary {
namespace {

struct DurationRow {
  std::string text;
  std::optional<long long> seconds;  // nullopt: rejected
};

// Names the row in failure messages instead of dumping its bytes.
void PrintTo(const DurationRow& row, std::ostream* out) { *out << '"' << row.text << '"'; }

std::string row_name(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += word ? std::string(1, c) : "_x" + std::to_string(static_cast<unsigned char>(c)) + "_";
  }
  return out.empty() ? "empty" : out;
}

const DurationRow kDurations[] = {
    {"90s", 90},
    {"5m", 300},
    {"1h", 3600},
    {"1m30s", 90},
    {"2h5m", 7500},
    {"1h2m3s", 3723},
    {"1h3s", 3603},
    {"300", 300},
    {"5", 5},
    {"007s", 7},
    {"0", 0},
    {"0s", 0},
    {"9223372036s", 9223372036},  // the largest that still fits in nanoseconds
    {"", std::nullopt},
    {"-1m", std::nullopt},
    {"+5m", std::nullopt},
    {"5x", std::nullopt},
    {"m", std::nullopt},
    {"1.5m", std::nullopt},
    {"5M", std::nullopt},
    {"1d", std::nullopt},
    {"1m30", std::nullopt},
    {"30s1m", std::nullopt},
    {"5m5m", std::nullopt},
    {"5 m", std::nullopt},
    {" 5m", std::nullopt},
    {"5m ", std::nullopt},
    {"9223372037s", std::nullopt},
    {"2562048h", std::nullopt},
    {"99999999999999999999", std::nullopt},
};

class Duration : public ::testing::TestWithParam<DurationRow> {};

TEST_P(Duration, Parses) {
  const DurationRow& row = GetParam();
  const auto parsed = parse_duration(row.text);
  ASSERT_EQ(parsed.has_value(), row.seconds.has_value()) << "'" << row.text << "'";
  if (parsed) {
    EXPECT_EQ(parsed->count(), *row.seconds);
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, Duration, ::testing::ValuesIn(kDurations),
                         [](const auto& row) { return row_name(row.param.text); });

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
