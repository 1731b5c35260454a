#include <canary/status.hpp>

#include <algorithm>
#include <cctype>

namespace canary {
namespace {

std::string lower(std::string_view word) {
  std::string out(word);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<Status> parse_status(std::string_view word) {
  const std::string w = lower(word);
  if (w == "pass") return Status::pass;
  if (w == "fail") return Status::fail;
  if (w == "skip" || w == "na") return Status::skip;
  if (w == "error") return Status::error;
  if (w == "unver") return Status::unver;
  if (w == "xfail") return Status::xfail;
  if (w == "xpass") return Status::xpass;
  return std::nullopt;
}

std::optional<Status> parse_tier_expectation(std::string_view word) {
  if (lower(word) == "not_run") return Status::not_run;
  return parse_status(word);
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::skip: return "skip";
    case Status::error: return "error";
    case Status::unver: return "unver";
    case Status::xfail: return "xfail";
    case Status::xpass: return "xpass";
    case Status::not_run: return "not_run";
  }
  return "?";
}

bool is_tier_status(Status status) {
  return status != Status::xfail && status != Status::xpass && status != Status::not_run;
}

bool is_standard_tier(std::string_view tier) { return tier_index(tier).has_value(); }

std::optional<std::size_t> tier_index(std::string_view tier) {
  for (std::size_t i = 0; i < kStandardTiers.size(); ++i) {
    if (kStandardTiers[i] == tier) return i;
  }
  return std::nullopt;
}

std::optional<Color> parse_color(std::string_view word) {
  const std::string w = lower(word);
  if (w == "green") return Color::green;
  if (w == "red") return Color::red;
  return std::nullopt;
}

std::string_view to_string(Color color) { return color == Color::green ? "green" : "red"; }

}  // namespace canary
