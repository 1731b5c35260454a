#include <canary/profile.hpp>

#include <canary/status.hpp>

#include "placeholders.hpp"
#include "profile_results.hpp"
#include "shell_script.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

namespace canary {
namespace {

constexpr std::array<std::string_view, 13> kKeys = {
    "about", "artifacts", "command", "env", "faults", "grace", "harness", "identity", "results",
    "retries", "secrets", "tiers", "user"};
constexpr int kMaxRetries = 10;

std::string key_list() {
  std::string out;
  for (const auto key : kKeys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

// "5s", "500ms", "2m": a whole number and a unit.
std::optional<std::chrono::milliseconds> parse_grace(std::string_view text) {
  const auto digits_end = text.find_first_not_of("0123456789");
  if (digits_end == 0 || digits_end == std::string_view::npos || digits_end > 9) {
    return std::nullopt;
  }
  long long number = 0;
  std::from_chars(text.data(), text.data() + digits_end, number);
  const std::string_view unit = text.substr(digits_end);
  if (unit == "ms") return std::chrono::milliseconds(number);
  if (unit == "s") return std::chrono::seconds(number);
  if (unit == "m") return std::chrono::minutes(number);
  return std::nullopt;
}

std::optional<int> parse_retries(std::string_view text) {
  int value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 0 || value > kMaxRetries) return std::nullopt;
  return value;
}

bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
}

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  ProfileFile load(std::string_view text) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      error(e.mark, "invalid YAML: " + e.msg);
      return finish();
    }
    if (!root.IsDefined() || root.IsNull()) {
      diagnostics_.push_back({path_, 0, 0, Severity::error,
                              "empty profile: expected a mapping with 'harness' and 'command'"});
      return finish();
    }
    if (!root.IsMap()) {
      error(root.Mark(), "a profile must be a mapping of keys to values");
      return finish();
    }
    read_keys(root);
    return finish();
  }

 private:
  void error(const YAML::Mark& mark, std::string message) {
    diagnostics_.push_back({path_, mark.line >= 0 ? mark.line + 1 : 0,
                            mark.column >= 0 ? mark.column + 1 : 0, Severity::error,
                            std::move(message)});
  }

  // A null value has no useful mark of its own; point at its key instead.
  static YAML::Mark mark_of(const YAML::Node& key, const YAML::Node& value) {
    return value.IsNull() ? key.Mark() : value.Mark();
  }

  void read_keys(const YAML::Node& root) {
    std::map<std::string, int> seen;  // key -> line of its first occurrence
    for (auto it = root.begin(); it != root.end(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      if (!key.IsScalar()) {
        error(key.Mark(), "keys must be plain strings");
        continue;
      }
      const std::string name = key.Scalar();
      if (std::find(kKeys.begin(), kKeys.end(), name) == kKeys.end()) {
        error(key.Mark(), "unknown key '" + name + "' (known: " + key_list() + ")");
        continue;
      }
      const auto [first, inserted] = seen.emplace(name, key.Mark().line + 1);
      if (!inserted) {
        error(key.Mark(), "duplicate key '" + name + "' (first given at line " +
                              std::to_string(first->second) + ")");
        continue;
      }
      read_value(name, key, value);
    }
    for (const char* required : {"harness", "command"}) {
      if (seen.count(required) == 0) {
        error(root.Mark(), std::string("missing required key '") + required + "'");
      }
    }
  }

  std::optional<std::string> string_value(const std::string& name, const YAML::Node& key,
                                          const YAML::Node& value) {
    if (!value.IsScalar()) {
      error(mark_of(key, value), "'" + name + "' must be a string");
      return std::nullopt;
    }
    return value.Scalar();
  }

  void read_value(const std::string& name, const YAML::Node& key, const YAML::Node& value) {
    if (name == "harness") {
      if (!value.IsScalar() || value.Scalar().empty()) {
        error(mark_of(key, value), "'harness' must be a non-empty string");
      } else {
        profile_.name = value.Scalar();
      }
    } else if (name == "command") {
      read_command(key, value);
    } else if (name == "env") {
      read_env(key, value);
    } else if (name == "tiers") {
      read_tiers(key, value);
    } else if (name == "secrets") {
      read_secrets(key, value);
    } else if (name == "retries") {
      const auto retries = value.IsScalar() ? parse_retries(value.Scalar()) : std::nullopt;
      if (!retries) {
        error(mark_of(key, value), "'retries' must be an integer from 0 to " +
                                       std::to_string(kMaxRetries) + ", not " + describe(value));
      } else {
        profile_.retries = *retries;
      }
    } else if (name == "grace") {
      const auto grace = value.IsScalar() ? parse_grace(value.Scalar()) : std::nullopt;
      if (!grace) {
        error(mark_of(key, value),
              "'grace' must be a duration like 5s, 500ms or 1m, not " + describe(value));
      } else {
        profile_.grace = *grace;
      }
    } else if (name == "artifacts") {
      if (auto text = string_value(name, key, value)) {
        if (check_template("artifacts", *text, value, /*allow_artifacts=*/false)) {
          profile_.artifacts = *text;
        }
      }
    } else if (name == "results") {
      read_results(key, value);
    } else if (name == "about") {
      if (auto text = string_value(name, key, value)) profile_.about = *text;
    } else if (name == "identity") {
      const std::string word = value.IsScalar() ? value.Scalar() : "";
      if (word != "required" && word != "optional") {
        error(mark_of(key, value), "'identity' must be 'required' or 'optional', not " +
                                       describe(value));
      } else {
        profile_.identity_required = word == "required";
      }
    } else if (name == "user") {
      const auto text = string_value(name, key, value);
      if (text && !is_user_name(*text)) {
        error(mark_of(key, value), "'user' must be a user name ([a-z_][a-z0-9_-]*)");
      } else if (text) {
        profile_.user = *text;
      }
    } else if (name == "faults") {
      read_faults(key, value);
    }
  }

  // faults: {list: [...], args: [...], env: {...}}; list is required, and args or env must use
  // {fault}, else every faulty run would be the same run.
  void read_faults(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsMap()) {
      error(mark_of(key, value), "'faults' must be a mapping with 'list' and 'args' or 'env'");
      return;
    }
    FaultInjection faults;
    bool ok = true;
    bool has_list = false;
    bool uses_fault = false;
    std::set<std::string> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const YAML::Node name = it->first;
      const YAML::Node item = it->second;
      const std::string field = name.IsScalar() ? name.Scalar() : "";
      if (field != "list" && field != "args" && field != "env") {
        error(name.Mark(),
              "unknown key " + describe(name) + " in 'faults' (known: args, env, list)");
        ok = false;
        continue;
      }
      if (!seen.insert(field).second) {
        error(name.Mark(), "duplicate key '" + field + "' in 'faults'");
        ok = false;
        continue;
      }
      const std::string where = "faults." + field;
      if (field == "env") {
        if (!item.IsMap()) {
          error(mark_of(name, item),
                "'" + where + "' must be a mapping of variable names to strings");
          ok = false;
          continue;
        }
        for (auto entry = item.begin(); entry != item.end(); ++entry) {
          if (!entry->first.IsScalar() || !is_env_name(entry->first.Scalar()) ||
              !entry->second.IsScalar()) {
            error(entry->first.Mark(), "'" + where + "' entries must be NAME: string");
            ok = false;
            continue;
          }
          const std::string text = entry->second.Scalar();
          ok = check_fault_template(where + "." + entry->first.Scalar(), text, entry->second,
                                    true) && ok;
          uses_fault = uses_fault || text.find("{fault}") != std::string::npos;
          faults.env[entry->first.Scalar()] = text;
        }
        continue;
      }
      if (!item.IsSequence() || (field == "list" && item.size() == 0)) {
        error(mark_of(name, item), "'" + where + "' must be a " +
                                       (field == "list" ? "non-empty " : "") + "list of strings");
        ok = false;
        continue;
      }
      std::vector<std::string> words;
      for (std::size_t i = 0; i < item.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!item[i].IsScalar()) {
          error(item[i].IsNull() ? item.Mark() : item[i].Mark(), "'" + at + "' must be a string");
          ok = false;
          continue;
        }
        ok = check_fault_template(at, item[i].Scalar(), item[i], field == "args") && ok;
        uses_fault = uses_fault || item[i].Scalar().find("{fault}") != std::string::npos;
        words.push_back(item[i].Scalar());
      }
      (field == "list" ? faults.list : faults.args) = std::move(words);
      has_list = has_list || field == "list";
    }
    if (!ok) return;
    if (!has_list) {
      error(value.Mark(), "'faults' needs 'list': the command that prints the harness's faults");
    } else if (!uses_fault) {
      error(value.Mark(), "'faults' must pass '{fault}' to the harness in 'args' or 'env'");
    } else {
      profile_.faults = std::move(faults);
    }
  }

  // `list` may use {bin} and {profile_dir}; `args` and `env` every run placeholder and {fault}.
  bool check_fault_template(const std::string& where, const std::string& text,
                            const YAML::Node& node, bool per_run) {
    Placeholders known;
    for (const auto name : kPlaceholderNames) {
      if (per_run || name == "bin" || name == "profile_dir") known.emplace(std::string(name), "");
    }
    if (per_run) known.emplace("fault", "");
    std::string message;
    if (expand(text, known, &message)) return true;
    error(node.Mark(), "'" + where + "': " + message +
                           (per_run ? " (known: " + placeholder_list() + ", fault)"
                                    : " (known here: bin, profile_dir)"));
    return false;
  }

  static std::string describe(const YAML::Node& value) {
    if (value.IsScalar()) return "'" + value.Scalar() + "'";
    if (value.IsSequence()) return "a list";
    if (value.IsMap()) return "a mapping";
    return "nothing";
  }

  void read_command(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsSequence()) {
      error(mark_of(key, value), "'command' must be a list of strings");
      return;
    }
    if (value.size() == 0) {
      error(value.Mark(), "'command' must not be empty");
      return;
    }
    std::vector<std::string> command;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string where = "command[" + std::to_string(i) + "]";
      if (!item.IsScalar()) {
        error(item.IsNull() ? value.Mark() : item.Mark(), "'" + where + "' must be a string");
        ok = false;
        continue;
      }
      ok = check_template(where, item.Scalar(), item, true) && ok;
      command.push_back(item.Scalar());
    }
    if (!ok) return;
    warn_spliced_placeholders(path_, value, command, diagnostics_);
    profile_.command = std::move(command);
  }

  void read_env(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsMap()) {
      error(mark_of(key, value), "'env' must be a mapping of variable names to strings");
      return;
    }
    std::set<std::string> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const YAML::Node name = it->first;
      const YAML::Node text = it->second;
      if (!name.IsScalar() || !is_env_name(name.Scalar())) {
        error(name.Mark(),
              "'env' key " + describe(name) + " is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
        continue;
      }
      const std::string where = "env." + name.Scalar();
      if (!seen.insert(name.Scalar()).second) {
        error(name.Mark(), "duplicate key '" + name.Scalar() + "' in 'env'");
        continue;
      }
      if (!text.IsScalar()) {
        error(mark_of(name, text), "'" + where + "' must be a string");
        continue;
      }
      if (check_template(where, text.Scalar(), text, true)) {
        profile_.env[name.Scalar()] = text.Scalar();
      }
    }
  }

  void read_tiers(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsSequence()) {
      error(mark_of(key, value), "'tiers' must be a list of tier names");
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      if (!item.IsScalar() || item.Scalar().empty()) {
        error(item.IsNull() ? value.Mark() : item.Mark(),
              "'tiers[" + std::to_string(i) + "]' must be a tier name");
      } else if (is_standard_tier(item.Scalar())) {
        error(item.Mark(),
              "'tiers' lists extra tiers only; '" + item.Scalar() + "' is a standard tier");
      } else if (std::find(profile_.tiers.begin(), profile_.tiers.end(), item.Scalar()) !=
                 profile_.tiers.end()) {
        error(item.Mark(), "tier '" + item.Scalar() + "' is listed twice");
      } else {
        profile_.tiers.push_back(item.Scalar());
      }
    }
  }

  void read_secrets(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsSequence()) {
      error(mark_of(key, value), "'secrets' must be a list of environment variable names");
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string where = "'secrets[" + std::to_string(i) + "]'";
      if (!item.IsScalar() || !is_env_name(item.Scalar())) {
        error(item.IsNull() ? value.Mark() : item.Mark(),
              where + " must be a variable name ([A-Za-z_][A-Za-z0-9_]*), not " + describe(item));
      } else if (std::find(profile_.secrets.begin(), profile_.secrets.end(), item.Scalar()) !=
                 profile_.secrets.end()) {
        error(item.Mark(), "secret '" + item.Scalar() + "' is listed twice");
      } else {
        profile_.secrets.push_back(item.Scalar());
      }
    }
  }

  void read_results(const YAML::Node& key, const YAML::Node& value) {
    if (value.IsMap()) return read_results_map(path_, value, profile_, diagnostics_);
    const auto text = string_value("results", key, value);
    if (!text) return;
    if (escapes_artifact_dir(*text)) {
      error(value.Mark(),
            "'results' must be a file path inside the artifact dir, not '" + *text + "'");
      return;
    }
    if (check_template("results", *text, value, true)) profile_.results = *text;
  }

  // Every placeholder must be one the runner fills; checked now, not on the first run.
  bool check_template(const std::string& where, const std::string& text, const YAML::Node& node,
                      bool allow_artifacts) {
    Placeholders known;
    for (const auto name : kPlaceholderNames) {
      if (allow_artifacts || name != "artifacts") known.emplace(std::string(name), "");
    }
    std::string message;
    if (expand(text, known, &message)) return true;
    if (!allow_artifacts && message == "unknown placeholder '{artifacts}'") {
      error(node.Mark(), "'" + where + "' cannot refer to itself with '{artifacts}'");
    } else if (message.rfind("unknown placeholder", 0) == 0) {
      error(node.Mark(), "'" + where + "': " + message + " (known: " + placeholder_list() + ")");
    } else {
      error(node.Mark(), "'" + where + "': " + message);
    }
    return false;
  }

  ProfileFile finish() {
    ProfileFile out;
    profile_.path = path_;
    check_junit_tiers(profile_, diagnostics_);
    out.diagnostics = std::move(diagnostics_);
    if (!has_errors(out.diagnostics)) out.profile = std::move(profile_);
    return out;
  }

  std::string path_;
  HarnessProfile profile_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

ProfileFile load_profile(const std::string& path, std::string_view text) {
  return Loader(path).load(text);
}

}  // namespace canary
