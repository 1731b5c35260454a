// A profile's `faults:` key: how `canary teeth --harness-faults` lists and injects faults.
#include "placeholders.hpp"
#include "profile_reader.hpp"

#include <array>

namespace canary::profile_detail {
namespace {

constexpr std::array<std::string_view, 3> kFaultKeys = {"list", "args", "env"};

// `list` may use {bin} and {profile_dir}; `args` and `env` every run placeholder and {fault}.
bool check_fault_template(const std::string& where, const std::string& text, Place at,
                          bool per_run, Reporter& reporter) {
  Placeholders known;
  for (const auto name : kPlaceholderNames) {
    if (per_run || name == "bin" || name == "profile_dir") known.emplace(std::string(name), "");
  }
  if (per_run) known.emplace("fault", "");
  std::string message;
  if (expand(text, known, &message)) return true;
  reporter.error(at, "'" + where + "': " + message +
                         (per_run ? " (known: " + placeholder_list() + ", fault)"
                                  : " (known here: bin, profile_dir)"));
  return false;
}

struct FaultsDraft {
  FaultInjection faults;
  bool uses_fault = false;
};

void read_fault_env(const Entry& entry, FaultsDraft& draft, Reporter& reporter) {
  const std::string where = "faults.env";
  if (!entry.value.IsMap()) {
    reporter.error(entry.value_at, "'" + where + "' must be a mapping of variable names to strings");
    return;
  }
  for (const Entry& variable : map_entries(entry.value, {}, reporter)) {
    if (!is_env_name(variable.key) || !variable.value.IsScalar()) {
      reporter.error(variable.key_at, "'" + where + "' entries must be NAME: string");
      continue;
    }
    const std::string text = variable.value.Scalar();
    check_fault_template(where + "." + variable.key, text, place_of(variable.value), true,
                         reporter);
    draft.uses_fault = draft.uses_fault || text.find("{fault}") != std::string::npos;
    draft.faults.env[variable.key] = text;
  }
}

void read_fault_words(const Entry& entry, FaultsDraft& draft, Reporter& reporter) {
  const bool is_list = entry.key == "list";
  const std::string where = "faults." + entry.key;
  const YAML::Node& item = entry.value;
  if (!item.IsSequence() || (is_list && item.size() == 0)) {
    reporter.error(entry.value_at, "'" + where + "' must be a " +
                                       (is_list ? "non-empty " : "") + "list of strings");
    return;
  }
  std::vector<std::string> words;
  for (std::size_t i = 0; i < item.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (!item[i].IsScalar()) {
      reporter.error(item_place(item, item[i]), "'" + at + "' must be a string");
      continue;
    }
    check_fault_template(at, item[i].Scalar(), place_of(item[i]), !is_list, reporter);
    draft.uses_fault = draft.uses_fault || item[i].Scalar().find("{fault}") != std::string::npos;
    words.push_back(item[i].Scalar());
  }
  (is_list ? draft.faults.list : draft.faults.args) = std::move(words);
}

}  // namespace

// list is required, and args or env must use {fault}, else every faulty run would be the same.
void read_faults(const Entry& entry, HarnessProfile& profile, Reporter& reporter) {
  if (!entry.value.IsMap()) {
    reporter.error(entry.value_at, "'faults' must be a mapping with 'list' and 'args' or 'env'");
    return;
  }
  const std::size_t errors_before = reporter.count();
  FaultsDraft draft;
  const auto entries = map_entries(entry.value, kFaultKeys, reporter);
  for (const Entry& field : entries) {
    if (field.key == "env") {
      read_fault_env(field, draft, reporter);
    } else {
      read_fault_words(field, draft, reporter);
    }
  }
  if (reporter.count() != errors_before) return;
  if (!find_entry(entries, "list")) {
    reporter.error(place_of(entry.value),
                   "'faults' needs 'list': the command that prints the harness's faults");
  } else if (!draft.uses_fault) {
    reporter.error(place_of(entry.value),
                   "'faults' must pass '{fault}' to the harness in 'args' or 'env'");
  } else {
    profile.faults = std::move(draft.faults);
  }
}

}  // namespace canary::profile_detail
