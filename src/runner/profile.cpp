#include <canary/profile.hpp>

#include <canary/status.hpp>

#include "placeholders.hpp"
#include "profile_reader.hpp"
#include "shell_script.hpp"
#include "yaml_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace canary {
namespace profile_detail {
namespace {

constexpr std::array<std::string_view, 13> kKeys = {
    "about", "artifacts", "command", "env", "faults", "grace", "harness", "identity", "results",
    "retries", "secrets", "tiers", "user"};
constexpr int kMaxRetries = 10;
constexpr DocumentWords kProfileDocument = {
    "a profile file holds one profile",
    "empty profile: expected a mapping with 'harness' and 'command'"};

std::optional<int> parse_retries(std::string_view text) {
  int value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 0 || value > kMaxRetries) return std::nullopt;
  return value;
}

class Loader {
 public:
  explicit Loader(const std::string& path) : path_(path), reporter_(path) {}

  ProfileFile load(std::string_view text) {
    const YAML::Node root = load_document(text, kProfileDocument, reporter_);
    if (root.IsDefined() && !root.IsMap()) {
      reporter_.error(place_of(root), "a profile must be a mapping of keys to values");
    } else if (root.IsDefined()) {
      const auto entries = map_entries(root, kKeys, reporter_);
      for (const char* required : {"harness", "command"}) {
        if (!find_entry(entries, required)) {
          reporter_.error(place_of(root), std::string("missing required key '") + required + "'");
        }
      }
      for (const Entry& entry : entries) read_value(entry);
    }
    profile_.path = path_;
    check_junit_tiers(profile_, reporter_);
    ProfileFile out;
    out.diagnostics = reporter_.take();
    if (!has_errors(out.diagnostics)) out.profile = std::move(profile_);
    return out;
  }

 private:
  void error(Place at, std::string message) { reporter_.error(at, std::move(message)); }

  std::optional<std::string> string_value(const Entry& entry) {
    if (entry.value.IsScalar()) return entry.value.Scalar();
    error(entry.value_at, "'" + entry.key + "' must be a string");
    return std::nullopt;
  }

  void read_value(const Entry& entry) {
    const std::string& name = entry.key;
    const YAML::Node& value = entry.value;
    if (name == "harness") {
      if (!value.IsScalar() || value.Scalar().empty()) {
        error(entry.value_at, "'harness' must be a non-empty string");
      } else {
        profile_.name = value.Scalar();
      }
    } else if (name == "command") {
      read_command(entry);
    } else if (name == "env") {
      read_env(entry);
    } else if (name == "tiers") {
      read_tiers(entry);
    } else if (name == "secrets") {
      read_secrets(entry);
    } else if (name == "retries") {
      const auto retries = value.IsScalar() ? parse_retries(value.Scalar()) : std::nullopt;
      if (!retries) {
        error(entry.value_at, "'retries' must be an integer from 0 to " +
                                  std::to_string(kMaxRetries) + ", not " + describe(value));
      } else {
        profile_.retries = *retries;
      }
    } else if (name == "grace") {
      if (const auto grace = read_duration(entry, reporter_)) profile_.grace = *grace;
    } else if (name == "artifacts") {
      if (auto text = string_value(entry)) {
        if (check_template("artifacts", *text, place_of(value), false, reporter_)) {
          profile_.artifacts = *text;
        }
      }
    } else if (name == "results") {
      read_results(entry);
    } else if (name == "about") {
      if (auto text = string_value(entry)) profile_.about = *text;
    } else if (name == "identity") {
      const std::string word = value.IsScalar() ? value.Scalar() : "";
      if (word != "required" && word != "optional") {
        error(entry.value_at,
              "'identity' must be 'required' or 'optional', not " + describe(value));
      } else {
        profile_.identity_required = word == "required";
      }
    } else if (name == "user") {
      const auto text = string_value(entry);
      if (text && !is_user_name(*text)) {
        error(entry.value_at, "'user' must be a user name ([a-z_][a-z0-9_-]*)");
      } else if (text) {
        profile_.user = *text;
      }
    } else if (name == "faults") {
      read_faults(entry, profile_, reporter_);
    }
  }

  void read_command(const Entry& entry) {
    const YAML::Node& value = entry.value;
    if (!value.IsSequence()) {
      error(entry.value_at, "'command' must be a list of strings");
      return;
    }
    if (value.size() == 0) {
      error(place_of(value), "'command' must not be empty");
      return;
    }
    std::vector<std::string> command;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string where = "command[" + std::to_string(i) + "]";
      if (!item.IsScalar()) {
        error(item_place(value, item), "'" + where + "' must be a string");
        ok = false;
        continue;
      }
      ok = check_template(where, item.Scalar(), place_of(item), true, reporter_) && ok;
      command.push_back(item.Scalar());
    }
    if (!ok) return;
    std::vector<Diagnostic> warnings;
    warn_spliced_placeholders(path_, value, command, warnings);
    for (Diagnostic& warning : warnings) reporter_.add(std::move(warning));
    profile_.command = std::move(command);
  }

  void read_env(const Entry& entry) {
    if (!entry.value.IsMap()) {
      error(entry.value_at, "'env' must be a mapping of variable names to strings");
      return;
    }
    for (const Entry& variable : map_entries(entry.value, {}, reporter_)) {
      if (!is_env_name(variable.key)) {
        error(variable.key_at, "'env' key " + quote(variable.key) +
                                   " is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
        continue;
      }
      const std::string where = "env." + variable.key;
      if (!variable.value.IsScalar()) {
        error(variable.value_at, "'" + where + "' must be a string");
        continue;
      }
      if (check_template(where, variable.value.Scalar(), place_of(variable.value), true,
                         reporter_)) {
        profile_.env[variable.key] = variable.value.Scalar();
      }
    }
  }

  // A list of distinct words; `problem` says what is wrong with one item ("" when nothing).
  template <class Problem>
  void read_word_list(const Entry& entry, const std::string& shape, const std::string& noun,
                      Problem problem, std::vector<std::string>& out) {
    const YAML::Node& value = entry.value;
    if (!value.IsSequence()) {
      error(entry.value_at, "'" + entry.key + "' must be a list of " + shape);
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string where = "'" + entry.key + "[" + std::to_string(i) + "]'";
      if (std::string message = problem(item, where); !message.empty()) {
        error(item_place(value, item), message);
      } else if (std::find(out.begin(), out.end(), item.Scalar()) != out.end()) {
        error(place_of(item), noun + " '" + item.Scalar() + "' is listed twice");
      } else {
        out.push_back(item.Scalar());
      }
    }
  }

  void read_tiers(const Entry& entry) {
    read_word_list(entry, "tier names", "tier", [](const YAML::Node& item, const std::string& where) {
      if (!item.IsScalar() || item.Scalar().empty()) return where + " must be a tier name";
      if (!is_standard_tier(item.Scalar())) return std::string();
      return "'tiers' lists extra tiers only; '" + item.Scalar() + "' is a standard tier";
    }, profile_.tiers);
  }

  void read_secrets(const Entry& entry) {
    read_word_list(entry, "environment variable names", "secret",
                   [](const YAML::Node& item, const std::string& where) {
                     if (item.IsScalar() && is_env_name(item.Scalar())) return std::string();
                     return where + " must be a variable name ([A-Za-z_][A-Za-z0-9_]*), not " +
                            describe(item);
                   },
                   profile_.secrets);
  }

  void read_results(const Entry& entry) {
    if (entry.value.IsMap()) return read_results_map(entry, profile_, reporter_);
    const auto text = string_value(entry);
    if (!text) return;
    if (escapes_artifact_dir(*text)) {
      error(place_of(entry.value),
            "'results' must be a file path inside the artifact dir, not '" + *text + "'");
      return;
    }
    if (check_template("results", *text, place_of(entry.value), true, reporter_)) {
      profile_.results = *text;
    }
  }

  const std::string& path_;
  Reporter reporter_;
  HarnessProfile profile_;
};

}  // namespace

bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
}

Place item_place(const YAML::Node& list, const YAML::Node& item) {
  return place_of(item.IsNull() ? list : item);
}

// Checked now, not on the first run.
bool check_template(const std::string& where, const std::string& text, Place at,
                    bool allow_artifacts, Reporter& reporter) {
  Placeholders known;
  for (const auto name : kPlaceholderNames) {
    if (allow_artifacts || name != "artifacts") known.emplace(std::string(name), "");
  }
  std::string message;
  if (expand(text, known, &message)) return true;
  if (!allow_artifacts && message == "unknown placeholder '{artifacts}'") {
    reporter.error(at, "'" + where + "' cannot refer to itself with '{artifacts}'");
  } else if (message.rfind("unknown placeholder", 0) == 0) {
    reporter.error(at, "'" + where + "': " + message + " (known: " + placeholder_list() + ")");
  } else {
    reporter.error(at, "'" + where + "': " + message);
  }
  return false;
}

}  // namespace profile_detail

ProfileFile load_profile(const std::string& path, std::string_view text) {
  return profile_detail::Loader(path).load(text);
}

}  // namespace canary
