#include <canary/run_record.hpp>

#include <canary/results_parser.hpp>

#include <filesystem>

namespace canary {

RunMatrix recorded_matrix(const RunRecord& record, const std::string& dir) {
  RunMatrix matrix{record.expect, record.tiers};
  if (!matrix.cells.empty() || dir.empty()) return matrix;
  // Records older than the matrix block: the tiers the harness reported, nothing expected.
  const std::filesystem::path results = std::filesystem::path(dir) / "results.json";
  if (!std::filesystem::exists(results)) return matrix;
  const ParsedResults parsed = parse_results_file(results.string());
  if (!parsed.ok()) return matrix;
  for (const TierResult& tier : parsed.result.tiers) {
    matrix.cells.push_back({tier.name, std::nullopt, tier.status});
  }
  return matrix;
}

}  // namespace canary
