#pragma once
// Reads a spec's `expect` map and checks it for contradictions and the teeth rule.

#include "yaml_map.hpp"

#include <canary/spec.hpp>

#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace canary::spec_detail {

// The spec reader is built on the shared strict YAML reader.
using namespace canary::yaml;

// An `expect` as read, with where each part came from, for the checks that span keys.
struct ExpectDraft {
  Expectation expect;
  Place at;  // the `expect` key
  // Set when the key is present, whether or not its value was valid.
  std::optional<Place> verdict_at;
  std::optional<Place> exit_code_at;
  std::optional<Place> fails_at_at;
  std::optional<Place> tests_at;
  std::vector<Place> tier_at;  // beside expect.tiers
  std::map<std::string, Place> places;  // for CanarySpec::places
  // False when some verdict-, tier- or test-related value was wrong: the teeth rule would
  // then judge a half-read expectation and only repeat the error.
  bool complete = true;
};

// `tiers` are the tier names a spec may use (standard and extra).
// Where each expectation is written goes to `places` (see CanarySpec::places).
std::optional<Expectation> read_expect(const Entry& entry, std::span<const std::string_view> tiers,
                                       Reporter& reporter, std::map<std::string, Place>& places);

// Contradictions between keys, an `expect` that judges no verdict, and the teeth rule.
void check_expect(const ExpectDraft& draft, Reporter& reporter);

}  // namespace canary::spec_detail
