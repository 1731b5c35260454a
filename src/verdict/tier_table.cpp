#include <canary/tier_table.hpp>
#include <canary/printable.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace canary {
namespace {

void add_tier(std::vector<std::string>& tiers, const std::string& tier) {
  if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end()) tiers.push_back(tier);
}

}  // namespace

std::string expectation_summary(const CanarySpec& spec) {
  std::string out;
  const auto color = expected_color(spec);
  if (color == Color::green) {
    out = "GREEN";
  } else if (color == Color::red) {
    // With no fails_at, a single tier expected to fail still says where.
    std::string failing = spec.expect.fails_at.value_or("");
    if (failing.empty()) {
      for (const auto& [tier, status] : expected_tiers(spec)) {
        if (status != Status::fail) continue;
        failing = failing.empty() ? tier : "*";
      }
    }
    out = failing.empty() || failing == "*" ? "RED" : "RED at " + failing;
  }
  if (spec.expect.exit_code && !(color == Color::green && *spec.expect.exit_code == 0)) {
    out += (out.empty() ? "" : ", ") + std::string("exit ") + std::to_string(*spec.expect.exit_code);
  }
  if (spec.xfail) out += " (xfail " + spec.xfail->bug + ")";
  if (spec.flaky) out += " (flaky " + spec.flaky->bug + ")";
  return out;
}

std::string TierCell::text() const {
  const std::string got = actual ? std::string(to_string(*actual)) : "-";
  if (matches()) return got;
  return got + " (want " + std::string(to_string(*expected)) + ")";
}

std::vector<TierCell> tier_cells(const CanarySpec& spec, const RunResult& result) {
  const auto expected = expected_tiers(spec);
  std::vector<std::string> tiers(kStandardTiers.begin(), kStandardTiers.end());
  for (const auto& [tier, status] : expected) add_tier(tiers, tier);
  for (const TierResult& tier : result.tiers) add_tier(tiers, tier.name);

  std::vector<TierCell> cells;
  for (const std::string& tier : tiers) {
    TierCell cell{tier, std::nullopt, std::nullopt};
    auto it = std::find_if(expected.begin(), expected.end(),
                           [&](const auto& entry) { return entry.first == tier; });
    if (it != expected.end()) cell.expected = it->second;
    if (const TierResult* reported = result.find_tier(tier)) cell.actual = reported->status;
    cells.push_back(std::move(cell));
  }
  return cells;
}

std::string render_tier_table(const std::vector<TierRow>& rows) {
  std::vector<std::string> tiers;
  for (const TierRow& row : rows) {
    for (const TierCell& cell : row.cells) add_tier(tiers, cell.tier);
  }
  std::vector<std::string> header = {"CANARY", "EXPECT", "OUTCOME"};
  for (const auto& tier : tiers) header.push_back(terminal_safe(tier));

  std::vector<std::vector<std::string>> table = {header};
  for (const TierRow& row : rows) {
    std::vector<std::string> line = {terminal_safe(row.canary), terminal_safe(row.expect),
                                     terminal_safe(row.outcome)};
    for (const auto& tier : tiers) {
      auto it = std::find_if(row.cells.begin(), row.cells.end(),
                             [&](const TierCell& cell) { return cell.tier == tier; });
      line.push_back(it == row.cells.end() ? "-" : terminal_safe(it->text()));
    }
    table.push_back(std::move(line));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : table) {
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  }
  std::string out;
  for (const auto& line : table) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += i + 1 == line.size() ? line[i] : fmt::format("{:<{}}  ", line[i], widths[i]);
    }
    out += text + "\n";
  }
  return out;
}

}  // namespace canary
