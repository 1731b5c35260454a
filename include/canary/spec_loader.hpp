#pragma once
// Reads canary specs from YAML and checks them: every error of a file in one pass.

#include <canary/diagnostic.hpp>
#include <canary/spec.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

struct LoadOptions {
  // Tiers beyond kStandardTiers that a spec may name (a profile declares them).
  std::vector<std::string> extra_tiers;
  // More such tiers, asked for only when a spec does not load without them: a command passes
  // the default profile's here, so that profile is parsed only when a spec needs its tiers.
  // A spec that loads without them loads the same with them (more tiers only accept more).
  // May be called from several threads at once, and more than once.
  std::function<std::vector<std::string>()> more_tiers = {};
};

// One YAML file: the spec when it has no error, and every diagnostic found in it.
struct SpecFile {
  std::string path;
  std::optional<CanarySpec> spec;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return spec.has_value() && !has_errors(diagnostics); }
};

// Parses one spec from `text`; `path` is used in messages and recorded in the spec.
SpecFile load_spec(const std::string& path, std::string_view text, const LoadOptions& options = {});

// Reads and parses one file; an unreadable file is a diagnostic, not an exception.
SpecFile load_spec_file(const std::string& path, const LoadOptions& options = {});

// Every *.yaml and *.yml file named or found (recursively, sorted by path) under `paths`,
// with the checks that span files (duplicate ids). A file with a cross-file error loses its
// spec. A path that does not exist is a diagnostic of its own in `errors`.
struct Suite {
  std::vector<SpecFile> files;
  std::vector<Diagnostic> errors;  // problems with the paths themselves

  std::vector<Diagnostic> all_diagnostics() const;
  bool ok() const;
};
Suite load_suite(const std::vector<std::string>& paths, const LoadOptions& options = {});

// Turns a canary id or file stem into a GoogleTest parameter name: [A-Za-z0-9_], non-empty.
std::string sanitize_test_name(std::string_view text);

}  // namespace canary
