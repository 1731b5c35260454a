// The one duration grammar of specs and profiles, row by row.
#include "duration.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace canary::yaml {
namespace {

struct DurationRow {
  std::string text;
  std::optional<long long> ms;  // nullopt: rejected
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
    {"90s", 90'000},
    {"5m", 300'000},
    {"1h", 3'600'000},
    {"1m30s", 90'000},
    {"1h30m", 5'400'000},
    {"2h5m", 7'500'000},
    {"1h2m3s", 3'723'000},
    {"1h3s", 3'603'000},
    {"500ms", 500},
    {"0ms", 0},
    {"1s500ms", 1'500},
    {"1m500ms", 60'500},
    {"1h2m3s4ms", 3'723'004},
    {"2500ms", 2'500},
    {"300", 300'000},
    {"5", 5'000},
    {"007s", 7'000},
    {"0", 0},
    {"0s", 0},
    {"9223372036s", 9'223'372'036'000},  // the largest whole seconds that fit in nanoseconds
    {"9223372036854ms", 9'223'372'036'854},  // the largest of all
    {"", std::nullopt},
    {"-1m", std::nullopt},
    {"+5m", std::nullopt},
    {"5x", std::nullopt},
    {"m", std::nullopt},
    {"ms", std::nullopt},
    {"1.5m", std::nullopt},
    {"5M", std::nullopt},
    {"5MS", std::nullopt},
    {"5us", std::nullopt},
    {"5mss", std::nullopt},
    {"1d", std::nullopt},
    {"1m30", std::nullopt},
    {"1s500", std::nullopt},
    {"30s1m", std::nullopt},
    {"500ms1s", std::nullopt},
    {"5m5m", std::nullopt},
    {"5ms5ms", std::nullopt},
    {"5 m", std::nullopt},
    {" 5m", std::nullopt},
    {"5m ", std::nullopt},
    {"9223372037s", std::nullopt},
    {"9223372036855ms", std::nullopt},
    {"9223372036s855ms", std::nullopt},
    {"2562048h", std::nullopt},
    {"99999999999999999999", std::nullopt},
    {"99999999999999999999ms", std::nullopt},
};

class Duration : public ::testing::TestWithParam<DurationRow> {};

TEST_P(Duration, Parses) {
  const DurationRow& row = GetParam();
  const auto parsed = parse_duration(row.text);
  ASSERT_EQ(parsed.has_value(), row.ms.has_value()) << "'" << row.text << "'";
  if (parsed) {
    EXPECT_EQ(parsed->count(), *row.ms);
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, Duration, ::testing::ValuesIn(kDurations),
                         [](const auto& row) { return row_name(row.param.text); });

}  // namespace
}  // namespace canary::yaml
