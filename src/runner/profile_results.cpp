// A profile's `results:` key in its map form, and the checks both forms share.
#include "profile_reader.hpp"

#include <canary/status.hpp>

#include <algorithm>
#include <array>

namespace canary::profile_detail {
namespace {

constexpr std::array<std::string_view, 3> kResultsKeys = {"format", "tiers", "file"};

// A relative path inside the artifact dir, without placeholders; nullopt after an error.
std::optional<std::string> file_path(const std::string& where, const YAML::Node& node,
                                     Place at, Reporter& reporter) {
  if (!node.IsScalar()) {
    reporter.error(at, "'" + where + "' must be a file path");
    return std::nullopt;
  }
  const std::string text = node.Scalar();
  if (escapes_artifact_dir(text)) {
    reporter.error(at, "'" + where + "' must be a file path inside the artifact dir, not '" +
                           text + "'");
    return std::nullopt;
  }
  if (text.find_first_of("{}") != std::string::npos) {
    reporter.error(at, "'" + where + "' takes no placeholders: it is relative to the artifact dir");
    return std::nullopt;
  }
  return text;
}

void read_junit_tiers(const Entry& results, const Entry* tiers, HarnessProfile& profile,
                      Reporter& reporter) {
  if (!tiers || !tiers->value.IsMap() || tiers->value.size() == 0) {
    reporter.error(tiers ? place_of(tiers->value) : place_of(results.value),
                   "'results.tiers' must map each tier to its JUnit file, e.g. "
                   "{install: junit/install.xml}");
    return;
  }
  std::vector<JunitTierFile> files;
  for (const Entry& tier : map_entries(tiers->value, {}, reporter)) {
    if (tier.key.empty()) {
      reporter.error(tier.key_at, "'results.tiers' keys must be tier names");
      continue;
    }
    if (auto text = file_path("results.tiers." + tier.key, tier.value, place_of(tier.value),
                              reporter)) {
      files.push_back({tier.key, *text, tier.key_at.line, tier.key_at.column});
    }
  }
  profile.junit_tiers = std::move(files);
}

}  // namespace

bool escapes_artifact_dir(std::string_view text) {
  return text.empty() || text.front() == '/' || text == ".." || text.starts_with("../") ||
         text.find("/../") != std::string_view::npos || text.ends_with("/..");
}

void read_results_map(const Entry& entry, HarnessProfile& profile, Reporter& reporter) {
  const auto entries = map_entries(entry.value, kResultsKeys, reporter);
  const Entry* format = find_entry(entries, "format");
  const Entry* tiers = find_entry(entries, "tiers");
  const Entry* file = find_entry(entries, "file");
  const std::string word = format && format->value.IsScalar() ? format->value.Scalar() : "";
  if (format && word != "junit" && word != "results.json") {
    reporter.error(place_of(format->value), "'results.format' must be junit or results.json");
  } else if (!format) {
    reporter.error(place_of(entry.value), "'results' needs 'format': junit or results.json");
  } else if (word == "results.json") {
    if (tiers) reporter.error(place_of(tiers->value), "'results.tiers' is for format junit");
    if (!file) return;
    if (auto text = file_path("results.file", file->value, place_of(file->value), reporter)) {
      profile.results = *text;
    }
  } else {
    if (file) {
      reporter.error(place_of(file->value),
                     "'results.file' is for format results.json; junit uses 'tiers'");
    }
    read_junit_tiers(entry, tiers, profile, reporter);
  }
}

void check_junit_tiers(const HarnessProfile& profile, Reporter& reporter) {
  for (const JunitTierFile& file : profile.junit_tiers) {
    if (is_standard_tier(file.tier) ||
        std::find(profile.tiers.begin(), profile.tiers.end(), file.tier) != profile.tiers.end()) {
      continue;
    }
    reporter.error({file.line, file.column}, "'results.tiers': unknown tier '" + file.tier +
                                                 "' (a standard tier, or list it in 'tiers')");
  }
}

}  // namespace canary::profile_detail
