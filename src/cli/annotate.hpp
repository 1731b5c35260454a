#pragma once
// `--annotate github`: GitHub Actions workflow commands beside the usual output, so a CI job
// marks each error and finding at its spec line.

#include <canary/diagnostic.hpp>
#include <canary/verdict.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace canary::cli {

// Adds `--annotate FORMAT` (only "github" exists) to a subcommand, storing it in `format`.
void add_annotate_option(CLI::App& app, std::string& format);

// A workflow command's message: % CR LF escaped as GitHub decodes them, other control bytes
// as %XX, so no text a harness wrote can start a line of its own (and with it a command).
std::string escape_github_data(std::string_view text);
// A property value (file=...): the same, plus ':' and ','.
std::string escape_github_property(std::string_view text);

// "::error file=F,line=L,col=C::message\n"; `level` is "error" or "warning". Properties that are
// unknown (empty file, line 0) are left out.
std::string github_command(std::string_view level, const SourceLocation& at,
                           std::string_view message);

// One command for a diagnostic (its severity) and one for a finding (always an error); a
// finding with no spec line is placed at `fallback_file`, e.g. the spec's path.
std::string github_command(const Diagnostic& diagnostic);
std::string github_command(const Finding& finding, std::string_view prefix,
                           std::string_view fallback_file);

}  // namespace canary::cli
