#pragma once
// Reads one spec file into a SpecFile, also telling where its canary id is (for load_suite).

#include "yaml_map.hpp"

#include <canary/spec_loader.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace canary::spec_detail {

// The spec reader is built on the shared strict YAML reader.
using namespace canary::yaml;

// Where a file's `canary:` value is, for the duplicate-id check across files.
struct IdSite {
  std::string id;
  Place at;
};

struct ReadSpec {
  SpecFile file;
  std::optional<IdSite> id;  // set whenever the id itself is valid, even if the file is not
};

ReadSpec read_spec(const std::string& path, std::string_view text, const LoadOptions& options);
ReadSpec read_spec_file(const std::string& path, const LoadOptions& options);

// Reads the top-level keys of a parsed document (a map) into `spec`.
void read_fields(const YAML::Node& root, const LoadOptions& options, Reporter& reporter,
                 CanarySpec& spec, std::optional<IdSite>& id);

// "fnv1a64:" and 16 hex digits: the FNV-1a 64-bit hash of the bytes.
std::string fingerprint(std::string_view bytes);

}  // namespace canary::spec_detail
