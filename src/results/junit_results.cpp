#include <canary/junit_results.hpp>

#include <canary/safe_file.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <exception>

namespace canary {
namespace {

// Standard tiers in lifecycle order, then extra tiers as the profile lists them.
void order_tiers(std::vector<TierResult>& tiers) {
  std::stable_sort(tiers.begin(), tiers.end(), [](const TierResult& a, const TierResult& b) {
    const auto ia = tier_index(a.name).value_or(kStandardTiers.size());
    const auto ib = tier_index(b.name).value_or(kStandardTiers.size());
    return ia < ib;
  });
}

// Absent (nothing at the path at all) is the one case that is not an error: the tier did not run.
bool is_absent(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) != 0 && errno == ENOENT;
}

}  // namespace

ParsedResults read_junit_results(const std::string& artifact_dir,
                                 const std::vector<JunitTierFile>& tiers) {
  ParsedResults out;
  out.result.reports_flags = false;
  std::string looked_for;
  for (const JunitTierFile& file : tiers) {
    const std::string path = artifact_dir + "/" + file.path;
    if (is_absent(path)) {
      looked_for += (looked_for.empty() ? "" : ", ") + file.path;
      continue;
    }
    try {
      const auto text = read_regular_file(path, kMaxResultsFileBytes);
      if (!text.error.empty()) {
        out.error = path + ": " + text.error;
        return out;
      }
      ParsedJunitTier parsed = parse_junit(text.text, path, file.tier);
      if (!parsed.ok()) {
        out.error = std::move(parsed.error);
        return out;
      }
      out.result.tiers.push_back(std::move(parsed.tier));
    } catch (const std::exception& error) {
      out.error = path + ": cannot read: " + error.what();
      return out;
    }
  }
  if (out.result.tiers.empty()) {
    out.error = artifact_dir + ": no JUnit report: none of " +
                (looked_for.empty() ? std::string("(no tier files configured)") : looked_for) +
                " exists";
    return out;
  }
  order_tiers(out.result.tiers);
  return out;
}

ParsedResults read_results_for(const std::string& artifact_dir, const std::string& results_path,
                               const std::vector<JunitTierFile>& junit_tiers,
                               const SecretMask& mask) {
  // A directory on the way that is a symlink would take the read out of the artifact dir.
  std::vector<std::string> paths = {results_path};
  if (!junit_tiers.empty()) paths.clear();
  for (const JunitTierFile& file : junit_tiers) paths.push_back(artifact_dir + "/" + file.path);
  for (const std::string& path : paths) {
    if (std::string error = symlink_below(artifact_dir, path); !error.empty()) {
      ParsedResults refused;
      refused.error = std::move(error);
      return refused;
    }
  }
  if (junit_tiers.empty()) return parse_results_file(results_path, mask);
  return read_junit_results(artifact_dir, junit_tiers);
}

}  // namespace canary
