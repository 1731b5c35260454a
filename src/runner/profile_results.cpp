#include "profile_results.hpp"

#include <canary/status.hpp>

#include <algorithm>
#include <set>

namespace canary {
namespace {

class MapReader {
 public:
  MapReader(const std::string& path, std::vector<Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  void error(const YAML::Mark& mark, std::string message) {
    diagnostics_.push_back({path_, mark.line >= 0 ? mark.line + 1 : 0,
                            mark.column >= 0 ? mark.column + 1 : 0, Severity::error,
                            std::move(message)});
  }

  // A relative path inside the artifact dir, without placeholders; nullopt after an error.
  std::optional<std::string> file_path(const std::string& where, const YAML::Node& node) {
    if (!node.IsScalar()) {
      error(node.Mark(), "'" + where + "' must be a file path");
      return std::nullopt;
    }
    const std::string text = node.Scalar();
    if (escapes_artifact_dir(text)) {
      error(node.Mark(),
            "'" + where + "' must be a file path inside the artifact dir, not '" + text + "'");
      return std::nullopt;
    }
    if (text.find_first_of("{}") != std::string::npos) {
      error(node.Mark(), "'" + where + "' takes no placeholders: it is relative to the artifact dir");
      return std::nullopt;
    }
    return text;
  }

  void read(const YAML::Node& value, HarnessProfile& profile) {
    std::string format;
    YAML::Node tiers(YAML::NodeType::Undefined);  // false until given
    YAML::Node file(YAML::NodeType::Undefined);
    std::set<std::string> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string field = it->first.IsScalar() ? it->first.Scalar() : "";
      if (field != "format" && field != "tiers" && field != "file") {
        error(it->first.Mark(), "unknown key '" + field + "' in 'results' (known: file, format, tiers)");
      } else if (!seen.insert(field).second) {
        error(it->first.Mark(), "duplicate key '" + field + "' in 'results'");
      } else if (field == "format") {
        format = it->second.IsScalar() ? it->second.Scalar() : "";
        if (format != "junit" && format != "results.json") {
          error(it->second.Mark(), "'results.format' must be junit or results.json");
          return;
        }
      } else {
        (field == "tiers" ? tiers : file) = it->second;
      }
    }
    if (format.empty()) {
      error(value.Mark(), "'results' needs 'format': junit or results.json");
    } else if (format == "results.json") {
      if (tiers) error(tiers.Mark(), "'results.tiers' is for format junit");
      if (!file) return;
      if (auto text = file_path("results.file", file)) profile.results = *text;
    } else {
      if (file) error(file.Mark(), "'results.file' is for format results.json; junit uses 'tiers'");
      read_tiers(value, tiers, profile);
    }
  }

 private:
  void read_tiers(const YAML::Node& value, const YAML::Node& tiers, HarnessProfile& profile) {
    if (!tiers || !tiers.IsMap() || tiers.size() == 0) {
      error(tiers ? tiers.Mark() : value.Mark(),
            "'results.tiers' must map each tier to its JUnit file, e.g. {install: junit/install.xml}");
      return;
    }
    std::vector<JunitTierFile> files;
    for (auto it = tiers.begin(); it != tiers.end(); ++it) {
      const std::string tier = it->first.IsScalar() ? it->first.Scalar() : "";
      if (tier.empty()) {
        error(it->first.Mark(), "'results.tiers' keys must be tier names");
        continue;
      }
      if (std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.tier == tier; })) {
        error(it->first.Mark(), "tier '" + tier + "' is listed twice in 'results.tiers'");
        continue;
      }
      if (auto text = file_path("results.tiers." + tier, it->second)) {
        files.push_back({tier, *text, it->first.Mark().line + 1, it->first.Mark().column + 1});
      }
    }
    profile.junit_tiers = std::move(files);
  }

  const std::string& path_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

bool escapes_artifact_dir(std::string_view text) {
  return text.empty() || text.front() == '/' || text == ".." || text.starts_with("../") ||
         text.find("/../") != std::string_view::npos || text.ends_with("/..");
}

void read_results_map(const std::string& path, const YAML::Node& value, HarnessProfile& profile,
                      std::vector<Diagnostic>& diagnostics) {
  MapReader(path, diagnostics).read(value, profile);
}

void check_junit_tiers(const HarnessProfile& profile, std::vector<Diagnostic>& diagnostics) {
  for (const JunitTierFile& file : profile.junit_tiers) {
    if (is_standard_tier(file.tier) ||
        std::find(profile.tiers.begin(), profile.tiers.end(), file.tier) != profile.tiers.end()) {
      continue;
    }
    diagnostics.push_back({profile.path, file.line, file.column, Severity::error,
                           "'results.tiers': unknown tier '" + file.tier +
                               "' (a standard tier, or list it in 'tiers')"});
  }
}

}  // namespace canary
