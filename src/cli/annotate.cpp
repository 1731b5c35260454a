#include "annotate.hpp"

#include <canary/printable.hpp>

#include <fmt/format.h>

namespace canary::cli {
namespace {

// GitHub decodes only %25, %0D, %0A (and %3A, %2C in properties): line breaks are encoded so,
// and every other control character, C1 and invalid byte is shown escaped as in a terminal.
std::string escape(std::string_view raw, bool property) {
  const std::string text = controls_escaped(raw);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || byte < 0x20 || byte == 0x7f || (property && (c == ':' || c == ','))) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void add_annotate_option(CLI::App& app, std::string& format) {
  app.add_option("--annotate", format,
                 "Also print CI annotations: 'github' for GitHub Actions ::error commands")
      ->check(CLI::IsMember({"github"}));
}

std::string escape_github_data(std::string_view text) { return escape(text, false); }
std::string escape_github_property(std::string_view text) { return escape(text, true); }

std::string github_command(std::string_view level, const SourceLocation& at,
                           std::string_view message) {
  std::string out = "::" + std::string(level);
  const char* separator = " ";
  if (!at.file.empty()) {
    out += separator + ("file=" + escape_github_property(at.file));
    separator = ",";
    if (at.line > 0) out += ",line=" + std::to_string(at.line);
    if (at.line > 0 && at.column > 0) out += ",col=" + std::to_string(at.column);
  }
  return out + "::" + escape_github_data(message) + "\n";
}

std::string github_command(const Diagnostic& diagnostic) {
  return github_command(diagnostic.severity == Severity::error ? "error" : "warning",
                        {diagnostic.path, diagnostic.line, diagnostic.column}, diagnostic.message);
}

std::string github_command(const Finding& finding, std::string_view prefix,
                           std::string_view fallback_file) {
  SourceLocation at = finding.location;
  if (!at.known()) at = {std::string(fallback_file), 0, 0};
  return github_command("error", at, std::string(prefix) + format(finding));
}

}  // namespace canary::cli
