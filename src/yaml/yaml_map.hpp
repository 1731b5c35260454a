#pragma once
// Reads yaml-cpp nodes into values, reporting every problem at its line and column.

#include <canary/diagnostic.hpp>
#include <canary/spec.hpp>

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace canary::yaml {

// A 1-based position; 0 when unknown.
using Place = SourcePlace;

Place place_of(const YAML::Mark& mark);
Place place_of(const YAML::Node& node);

// Orders diagnostics by position, whole-file ones first, ties in their present order.
void sort_by_position(std::vector<Diagnostic>& diagnostics);

// Collects the diagnostics of one file.
class Reporter {
 public:
  explicit Reporter(std::string path) : path_(std::move(path)) {}

  void error(Place at, std::string message);
  // A diagnostic made elsewhere (a warning, say) for the same file.
  void add(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  std::size_t count() const { return diagnostics_.size(); }
  // Every diagnostic, sorted by position.
  std::vector<Diagnostic> take();

 private:
  std::string path_;
  std::vector<Diagnostic> diagnostics_;
};

// One key of a map with its value.
struct Entry {
  std::string key;
  YAML::Node value;
  Place key_at;
  Place value_at;  // the key's place when the value is empty, so the message has a target
};

// The pairs of `map` in document order, each key once (the first occurrence). Non-scalar keys
// and duplicates are reported and left out; so are unknown keys, unless `known` is empty.
std::vector<Entry> map_entries(const YAML::Node& map, std::span<const std::string_view> known,
                               Reporter& reporter);

const Entry* find_entry(const std::vector<Entry>& entries, std::string_view key);

// `text` in single quotes for a message, kept to one short line whatever it holds.
std::string quote(std::string_view text);

// What a node is, for "must be X, not Y" messages: "a list", "a map", "an empty value", "'text'".
std::string describe(const YAML::Node& node);

// `what` names the value in messages, e.g. "'recipe'"; it defaults to the quoted key.
std::optional<std::string> read_string(const Entry& entry, Reporter& reporter,
                                       std::string_view what = {});
std::optional<long long> read_integer(const Entry& entry, Reporter& reporter);
std::optional<bool> read_bool(const Entry& entry, Reporter& reporter);
// A duration in the one grammar (duration.hpp); a malformed one names the accepted forms.
std::optional<std::chrono::milliseconds> read_duration(const Entry& entry, Reporter& reporter);

// Reports "'<key>' must be a map" / "a list" and returns false when the value is not one.
bool expect_map(const Entry& entry, Reporter& reporter, std::string_view shape);
bool expect_list(const Entry& entry, Reporter& reporter, std::string_view shape);

}  // namespace canary::yaml
