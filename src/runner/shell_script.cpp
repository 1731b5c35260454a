#include "shell_script.hpp"

#include "placeholders.hpp"

#include <canary/profile.hpp>

#include <algorithm>
#include <array>

namespace canary {
namespace {

constexpr std::array<std::string_view, 7> kShells = {"sh", "bash", "dash", "zsh", "ksh", "ash",
                                                     "mksh"};

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_shell(std::string_view word) {
  return std::find(kShells.begin(), kShells.end(), basename(word)) != kShells.end();
}

// Index of the shell in `command`, skipping an `env [-i] [NAME=value...]` prefix.
std::optional<std::size_t> shell_at(const std::vector<std::string>& command) {
  std::size_t i = 0;
  if (i < command.size() && basename(command[i]) == "env") {
    ++i;
    while (i < command.size() && (command[i].starts_with("-") ||
                                  command[i].find('=') != std::string::npos)) {
      ++i;
    }
  }
  if (i < command.size() && is_shell(command[i])) return i;
  return std::nullopt;
}

// The names of the spec-controlled placeholders `text` uses, found by expanding each to a
// marker (so the one placeholder grammar decides, `{{` included).
std::vector<std::string> spec_placeholders_in(const std::string& text) {
  Placeholders markers;
  for (const auto name : kPlaceholderNames) {
    markers.emplace(std::string(name), "\x01" + std::string(name) + "\x02");
  }
  const auto expanded = expand(text, markers, nullptr);
  std::vector<std::string> out;
  if (!expanded) return out;
  for (std::size_t at = expanded->find('\x01'); at != std::string::npos;
       at = expanded->find('\x01', at + 1)) {
    const std::string name = expanded->substr(at + 1, expanded->find('\x02', at) - at - 1);
    const bool spec_controlled = std::find(std::begin(kSpecPlaceholders),
                                           std::end(kSpecPlaceholders),
                                           name) != std::end(kSpecPlaceholders);
    if (spec_controlled && std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
  }
  return out;
}

}  // namespace

std::optional<ShellScript> spliced_placeholders(const std::vector<std::string>& command) {
  const auto shell = shell_at(command);
  if (!shell) return std::nullopt;
  std::string flag;
  // Options come before the script: `-c` (possibly grouped, `-ec`), `-o NAME` takes a word.
  std::size_t i = *shell + 1;
  for (; i < command.size(); ++i) {
    const std::string& word = command[i];
    if (word == "--" || word.size() < 2 || (word[0] != '-' && word[0] != '+')) break;
    if (word == "-o" || word == "+o") {
      ++i;
      continue;
    }
    if (word[0] == '-' && word[1] != '-' && word.find('c') != std::string::npos) flag = word;
  }
  if (flag.empty()) return std::nullopt;
  if (i < command.size() && command[i] == "--") ++i;
  if (i >= command.size()) return std::nullopt;
  ShellScript script{i, std::string(basename(command[*shell])), flag,
                     spec_placeholders_in(command[i])};
  if (script.placeholders.empty()) return std::nullopt;
  return script;
}

std::string shell_script_warning(const ShellScript& script) {
  std::string names;
  std::string positional;
  std::string args;
  for (std::size_t i = 0; i < script.placeholders.size(); ++i) {
    const std::string sep = i == 0 ? "" : ", ";
    names += sep + "{" + script.placeholders[i] + "}";
    positional += sep + "\"$" + std::to_string(i + 1) + "\"";
    args += ", \"{" + script.placeholders[i] + "}\"";
  }
  const bool one = script.placeholders.size() == 1;
  return "'command[" + std::to_string(script.index) + "]' puts " + names + " inside the '" +
         script.shell + " " + script.flag +
         "' script, where a value holding ';' or '$(...)' runs as shell code: pass " +
         (one ? "it as its own argument" : "each as its own argument") +
         " after the script and read " + (one ? "it" : "them") + " as " + positional + " (e.g. [\"" +
         script.shell + "\", \"" + script.flag + "\", \"...\", \"" + script.shell + "\"" + args +
         "], as harness/profiles/cc-ci.yaml does)";
}

void warn_spliced_placeholders(const std::string& path, const YAML::Node& node,
                               const std::vector<std::string>& command,
                               std::vector<Diagnostic>& diagnostics) {
  const auto script = spliced_placeholders(command);
  if (!script) return;
  const YAML::Mark mark = node[script->index].Mark();
  diagnostics.push_back({path, mark.line >= 0 ? mark.line + 1 : 0,
                         mark.column >= 0 ? mark.column + 1 : 0, Severity::warning,
                         shell_script_warning(*script)});
}

}  // namespace canary
