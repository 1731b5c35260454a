#include "yaml_map.hpp"

#include "duration.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>
#include <tuple>
#include <unordered_map>

namespace canary::yaml {
namespace {

std::string name_of(const Entry& entry, std::string_view what) {
  return what.empty() ? quote(entry.key) : std::string(what);
}

}  // namespace

std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::size_t keep = std::min(kMax, text.size());
  // Never cut a UTF-8 character in two: back off over its continuation bytes.
  while (keep < text.size() && keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80)
    --keep;
  std::string out = "'";
  for (const char c : text.substr(0, keep)) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out + (keep < text.size() ? "...'" : "'");
}

Place place_of(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

Place place_of(const YAML::Node& node) { return place_of(node.Mark()); }

void Reporter::error(Place at, std::string message) {
  diagnostics_.push_back({path_, at.line, at.column, Severity::error, std::move(message)});
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
}

std::vector<Diagnostic> Reporter::take() {
  sort_by_position(diagnostics_);
  return std::move(diagnostics_);
}

std::vector<Entry> map_entries(const YAML::Node& map, std::span<const std::string_view> known,
                               Reporter& reporter) {
  std::vector<Entry> entries;
  // yaml-cpp keeps every duplicate pair but lookups see only one: find them by walking pairs.
  std::unordered_map<std::string, int> first_line;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first;
    const Place key_at = place_of(key);
    if (!key.IsScalar()) {
      reporter.error(key_at, "keys must be plain words, not " + describe(key));
      continue;
    }
    const std::string& name = key.Scalar();
    const auto [seen, inserted] = first_line.try_emplace(name, key_at.line);
    if (!inserted) {
      reporter.error(key_at, "duplicate key " + quote(name) + " (first at line " +
                                 std::to_string(seen->second) + ")");
      continue;
    }
    if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
      reporter.error(key_at, "unknown key " + quote(name) + hint(name, known));
      continue;
    }
    const YAML::Node value = it->second;
    const Place value_at = value.IsNull() ? key_at : place_of(value);
    entries.push_back({name, value, key_at, value_at.line > 0 ? value_at : key_at});
  }
  return entries;
}

const Entry* find_entry(const std::vector<Entry>& entries, std::string_view key) {
  auto it =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
  return it == entries.end() ? nullptr : &*it;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      return quote(node.Scalar());
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "an empty value";
  }
  return "an empty value";
}

std::optional<std::string> read_string(const Entry& entry, Reporter& reporter,
                                       std::string_view what) {
  if (entry.value.IsScalar()) return entry.value.Scalar();
  reporter.error(entry.value_at,
                 name_of(entry, what) + " must be a string, not " + describe(entry.value));
  return std::nullopt;
}

std::optional<long long> read_integer(const Entry& entry, Reporter& reporter) {
  if (entry.value.IsScalar()) {
    const std::string& text = entry.value.Scalar();
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return value;
    if (ec == std::errc::result_out_of_range && end == text.data() + text.size()) {
      reporter.error(entry.value_at, quote(entry.key) + " is out of range: " +
                                         describe(entry.value) + " does not fit in 64 bits");
      return std::nullopt;
    }
  }
  reporter.error(entry.value_at,
                 quote(entry.key) + " must be a whole number, not " + describe(entry.value));
  return std::nullopt;
}

std::optional<bool> read_bool(const Entry& entry, Reporter& reporter) {
  if (entry.value.IsScalar()) {
    const std::string& text = entry.value.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  reporter.error(entry.value_at,
                 quote(entry.key) + " must be true or false, not " + describe(entry.value));
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> read_duration(const Entry& entry, Reporter& reporter) {
  if (!entry.value.IsScalar()) {
    reporter.error(entry.value_at, quote(entry.key) + " must be a duration (" +
                                       std::string(kDurationForms) + "), not " +
                                       describe(entry.value));
    return std::nullopt;
  }
  const std::string& text = entry.value.Scalar();
  const auto duration = parse_duration(text);
  if (!duration) {
    reporter.error(entry.value_at, "malformed duration " + quote(text) + " for " +
                                       quote(entry.key) + " (use " + std::string(kDurationForms) +
                                       ")");
  }
  return duration;
}

bool expect_map(const Entry& entry, Reporter& reporter, std::string_view shape) {
  if (entry.value.IsMap()) return true;
  reporter.error(entry.value_at, quote(entry.key) + " must be a map " + std::string(shape) +
                                     ", not " + describe(entry.value));
  return false;
}

bool expect_list(const Entry& entry, Reporter& reporter, std::string_view shape) {
  if (entry.value.IsSequence()) return true;
  reporter.error(entry.value_at, quote(entry.key) + " must be a list " + std::string(shape) +
                                     ", not " + describe(entry.value));
  return false;
}

}  // namespace canary::yaml
