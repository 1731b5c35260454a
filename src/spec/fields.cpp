#include "expect_reader.hpp"
#include "spec_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace canary::spec_detail {
namespace {

constexpr std::array<std::string_view, 11> kTopKeys = {
    "canary", "about",  "recipe", "ref",   "sha",  "labels",
    "timeout", "harness", "expect", "xfail", "flaky"};
constexpr std::array<std::string_view, 4> kRequiredKeys = {"canary", "recipe", "sha", "expect"};
constexpr std::array<std::string_view, 2> kXFailKeys = {"bug", "reason"};
constexpr std::array<std::string_view, 2> kFlakyKeys = {"bug", "reruns"};
constexpr long long kMaxReruns = 10;

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// [a-z0-9] followed by [a-z0-9] or any of `more`.
bool is_slug(std::string_view text, std::string_view more) {
  if (text.empty() || !is_lower_or_digit(text[0])) return false;
  return std::all_of(text.begin() + 1, text.end(), [&](char c) {
    return is_lower_or_digit(c) || more.find(c) != std::string_view::npos;
  });
}

// yaml-cpp lets a quote left open run to the end of the file, folding the keys after it into
// the value: name that value when it holds the missing `key`.
std::string swallowed(const std::vector<Entry>& entries, std::string_view key) {
  const std::string text = std::string(key) + ":";
  for (const Entry& entry : entries) {
    if (!entry.value.IsScalar() || entry.value.Scalar().find(text) == std::string::npos) continue;
    return " (it is inside the value of " + quote(entry.key) + " at line " +
           std::to_string(entry.value_at.line) + ": is a quote left open?)";
  }
  return "";
}

class FieldReader {
 public:
  FieldReader(const LoadOptions& options, Reporter& reporter, CanarySpec& spec,
              std::optional<IdSite>& id)
      : reporter_(reporter), spec_(spec), id_(id) {
    tiers_.assign(kStandardTiers.begin(), kStandardTiers.end());
    tiers_.insert(tiers_.end(), options.extra_tiers.begin(), options.extra_tiers.end());
  }

  void read(const YAML::Node& root) {
    const auto entries = map_entries(root, kTopKeys, reporter_);
    for (const std::string_view key : kRequiredKeys) {
      if (!find_entry(entries, key)) {
        reporter_.error(place_of(root),
                        "missing required key '" + std::string(key) + "'" + swallowed(entries, key));
      }
    }
    for (const Entry& entry : entries) spec_.places[entry.key] = entry.key_at;
    for (const Entry& entry : entries) read_key(entry);
    const Entry* xfail = find_entry(entries, "xfail");
    const Entry* flaky = find_entry(entries, "flaky");
    if (xfail && flaky) {
      reporter_.error(flaky->key_at,
                      "'flaky' and 'xfail' cannot be combined: a known harness bug is not a flake");
    }
  }

 private:
  void read_key(const Entry& entry) {
    if (entry.key == "canary") {
      read_id(entry);
    } else if (entry.key == "about") {
      spec_.about = read_string(entry, reporter_).value_or("");
    } else if (entry.key == "recipe") {
      read_recipe(entry);
    } else if (entry.key == "ref") {
      spec_.ref = read_string(entry, reporter_).value_or("");
    } else if (entry.key == "sha") {
      read_sha(entry);
    } else if (entry.key == "labels") {
      if (expect_list(entry, reporter_, "of label words")) read_labels(entry);
    } else if (entry.key == "timeout") {
      read_timeout(entry);
    } else if (entry.key == "harness") {
      read_harness(entry);
    } else if (entry.key == "expect") {
      if (auto expect = read_expect(entry, tiers_, reporter_, spec_.places)) spec_.expect = std::move(*expect);
    } else if (entry.key == "xfail") {
      if (expect_map(entry, reporter_, "{bug, reason}")) read_xfail(entry);
    } else if (entry.key == "flaky") {
      if (expect_map(entry, reporter_, "{bug, reruns}")) read_flaky(entry);
    }
  }

  std::string read_non_empty(const Entry& entry) {
    auto text = read_string(entry, reporter_);
    if (text && text->empty()) {
      reporter_.error(entry.value_at, quote(entry.key) + " must not be empty");
    }
    return text.value_or("");
  }

  // The recipe reaches harness commands and paths: a name, never shell words or a path.
  void read_recipe(const Entry& entry) {
    spec_.recipe = read_non_empty(entry);
    const std::string& recipe = spec_.recipe;
    const bool name = recipe.empty() ||
                      (std::isalnum(static_cast<unsigned char>(recipe[0])) &&
                       std::all_of(recipe.begin(), recipe.end(), [](unsigned char c) {
                         return std::isalnum(c) || c == '.' || c == '_' || c == '-';
                       }));
    if (name) return;
    reporter_.error(entry.value_at, "'recipe' " + quote(recipe) +
                                        " must match [A-Za-z0-9][A-Za-z0-9._-]* (letters, "
                                        "digits, '.', '_' and '-')");
    spec_.recipe.clear();
  }

  void read_id(const Entry& entry) {
    const auto id = read_string(entry, reporter_);
    if (!id) return;
    if (!is_slug(*id, "-")) {
      reporter_.error(entry.value_at, "canary id " + quote(*id) +
                                          " must match [a-z0-9][a-z0-9-]* (lower-case letters, "
                                          "digits and '-')");
      return;
    }
    spec_.id = *id;
    id_ = IdSite{*id, entry.value_at};
  }

  void read_sha(const Entry& entry) {
    auto sha = read_string(entry, reporter_);
    if (!sha) return;
    if (sha->size() != 40) {
      reporter_.error(entry.value_at, "'sha' must be 40 hex digits, not " +
                                          std::to_string(sha->size()) + " characters");
      return;
    }
    const auto bad = std::find_if_not(sha->begin(), sha->end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c));
    });
    if (bad != sha->end()) {
      reporter_.error(entry.value_at, "'sha' must be 40 hex digits; character " +
                                          std::to_string(bad - sha->begin() + 1) + " ('" +
                                          std::string(1, *bad) + "') is not a hex digit");
      return;
    }
    std::transform(sha->begin(), sha->end(), sha->begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    spec_.sha = std::move(*sha);
  }

  void read_labels(const Entry& labels) {
    std::unordered_map<std::string, int> first_line;
    for (const YAML::Node& item : labels.value) {
      const Place at = place_of(item);
      if (!item.IsScalar()) {
        reporter_.error(at, "each label must be a word, not " + describe(item));
        continue;
      }
      const std::string& label = item.Scalar();
      if (label.empty() || !std::all_of(label.begin(), label.end(), is_word_char)) {
        reporter_.error(at, "label " + quote(label) + " must match [A-Za-z0-9_]+");
        continue;
      }
      const auto [seen, inserted] = first_line.try_emplace(label, at.line);
      if (!inserted) {
        reporter_.error(at, "duplicate label " + quote(label) + " (first at line " +
                                std::to_string(seen->second) + ")");
        continue;
      }
      spec_.labels.push_back(label);
    }
  }

  void read_timeout(const Entry& entry) {
    const auto timeout = read_duration(entry, reporter_);
    if (timeout && timeout->count() == 0) {
      reporter_.error(entry.value_at, "'timeout' must be greater than zero");
    } else if (timeout) {
      spec_.timeout = *timeout;
    }
  }

  void read_harness(const Entry& entry) {
    const auto name = read_string(entry, reporter_);
    if (name && !is_slug(*name, "_-")) {
      reporter_.error(entry.value_at,
                      "harness profile name " + quote(*name) + " must match [a-z0-9][a-z0-9_-]*");
    } else if (name) {
      spec_.harness = *name;
    }
  }

  // The 'bug' that xfail and flaky both require; `missing` is the error at `block` without one.
  std::string read_bug(const std::vector<Entry>& entries, const Entry& block,
                       std::string_view missing) {
    if (const Entry* bug = find_entry(entries, "bug")) return read_non_empty(*bug);
    reporter_.error(block.value_at, std::string(missing));
    return "";
  }

  void read_xfail(const Entry& xfail) {
    const auto entries = map_entries(xfail.value, kXFailKeys, reporter_);
    XFail out;
    out.bug = read_bug(entries, xfail,
                       "'xfail' must name the harness bug: add 'bug' (an issue, e.g. \"#17\")");
    if (const Entry* reason = find_entry(entries, "reason")) {
      out.reason = read_string(*reason, reporter_).value_or("");
    }
    spec_.xfail = std::move(out);
  }

  void read_flaky(const Entry& flaky) {
    const auto entries = map_entries(flaky.value, kFlakyKeys, reporter_);
    Flaky out;
    out.bug = read_bug(entries, flaky,
                       "'flaky' must name the bug that tracks the flake: add 'bug' (e.g. a URL)");
    if (const Entry* reruns = find_entry(entries, "reruns")) {
      const auto count = read_integer(*reruns, reporter_);
      if (count && (*count < 1 || *count > kMaxReruns)) {
        reporter_.error(reruns->value_at, "'reruns' must be 1 to " + std::to_string(kMaxReruns) +
                                              ", not " + std::to_string(*count));
      } else if (count) {
        out.reruns = static_cast<int>(*count);
      }
    }
    spec_.flaky = std::move(out);
  }

  Reporter& reporter_;
  CanarySpec& spec_;
  std::optional<IdSite>& id_;
  std::vector<std::string_view> tiers_;
};

}  // namespace

void read_fields(const YAML::Node& root, const LoadOptions& options, Reporter& reporter,
                 CanarySpec& spec, std::optional<IdSite>& id) {
  FieldReader(options, reporter, spec, id).read(root);
}

}  // namespace canary::spec_detail
