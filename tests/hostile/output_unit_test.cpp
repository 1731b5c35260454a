// The pure pieces behind the output attacks: terminal_safe and its JSON and annotation forms,
// Markdown's inert spans, the secret mask, and the shell-script placeholder check lint uses.
#include <canary/printable.hpp>
#include <canary/secrets.hpp>

#include "../../src/report/report_text.hpp"
#include "../../src/runner/shell_script.hpp"

#include <gtest/gtest.h>

namespace canary {
namespace {

TEST(TerminalSafe, EscapesEveryControlClassAndALeadingWorkflowCommand) {
  EXPECT_EQ(terminal_safe("plain text, ünïcode ✓"), "plain text, ünïcode ✓");
  EXPECT_EQ(terminal_safe("a\x1b[2J\x07\r\nb\t\x7f"), "a\\x1b[2J\\x07\\r\\nb\\t\\x7f");
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\u009b31m");  // C1 CSI
  EXPECT_EQ(terminal_safe("\xe2\x80\xae"
                          "evil"),
            "\\u202eevil");  // bidi override
  EXPECT_EQ(terminal_safe("\xff\xfe ok \xc0\xaf"),
            "\\xff\\xfe ok \\xc0\\xaf");  // invalid, overlong
  EXPECT_EQ(terminal_safe("::error::x"), "\\x3a:error::x");
  EXPECT_EQ(terminal_safe("a ::error::x"), "a ::error::x");  // not at a line start: data
}

TEST(TerminalSafe, NoCommandACiLogObeysAfterSpacesOrAnywhereInALine) {
  // GitHub trims Unicode spaces before it looks for "::" at the start of a line.
  EXPECT_EQ(terminal_safe(" ::error::x"), " \\x3a:error::x");
  EXPECT_EQ(terminal_safe("\xc2\xa0\xe3\x80\x80::error::x"), "\xc2\xa0\xe3\x80\x80\\x3a:error::x");
  EXPECT_EQ(terminal_safe("a ::error::x"), "a ::error::x");
  // GitHub's legacy "##[cmd]" and Azure Pipelines' "##vso[" are obeyed anywhere in a line.
  EXPECT_EQ(terminal_safe("x ##[error]y ##vso[task.complete]"),
            "x #\\x23[error]y #\\x23vso[task.complete]");
  EXPECT_EQ(terminal_safe("C# ## [not] #[x]"), "C# ## [not] #[x]");
  EXPECT_EQ(controls_escaped("a\n##[error]b"), "a\n#\\x23[error]b");
  // The bidi marks and the noncharacters XML refuses.
  EXPECT_EQ(terminal_safe("\xe2\x80\x8e\xd8\x9c\xef\xbf\xbf"), "\\u200e\\u061c\\uffff");
}

TEST(TerminalSafe, CutsWholeCharactersThenEscapes) {
  EXPECT_EQ(terminal_safe("abc", 3), "abc");
  EXPECT_EQ(terminal_safe("ab\x1b"
                          "cd",
                          3),
            "ab\\x1b...");
  EXPECT_EQ(terminal_safe("a\xc3\xa9z", 2), "a...");  // never half of an e-acute
}

TEST(ControlsEscaped, KeepsLineBreaksForAFormatThatEncodesThem) {
  EXPECT_EQ(controls_escaped("a\nb\r\x1b\xc2\x85"), "a\nb\r\\x1b\\u0085");
  EXPECT_EQ(controls_escaped("::x"), "::x");
}

TEST(JsonPrintable, EscapesDelC1AndSeparatorsInsideStringsOnly) {
  EXPECT_EQ(json_printable("{\"a\": \"x\x7f\xc2\x9b\xe2\x80\xa8y ✓\"}"),
            "{\"a\": \"x\\u007f\\u009b\\u2028y ✓\"}");
  EXPECT_EQ(json_printable("[\"x ##[error]y\"]"), "[\"x #\\u0023[error]y\"]");
}

TEST(SecretMask, OverlappingOccurrencesAreHiddenWhole) {
  EXPECT_EQ(SecretMask({"hunter2"}).apply("pw=hunter2; again hunter2hunter2."),
            "pw=***; again ******.");
  EXPECT_EQ(SecretMask({"abab"}).apply("xababab!"), "x***!");  // "abab" twice, overlapping
  // Two secrets sharing bytes: masking one first must not leave the other's tail in view.
  EXPECT_EQ(SecretMask({"token-shared", "shared-tail"}).apply("[token-shared-tail]"), "[***]");
  EXPECT_EQ(SecretMask({"aaaa"}).apply(std::string(1 << 20, 'a')), "***");  // linear, whole
}

TEST(InertMarkdown, PlainWordsEscapedEverythingElseACodeSpan) {
  using report_text::inert_markdown;
  EXPECT_EQ(inert_markdown("TOOL_ERROR", true), "TOOL\\_ERROR");
  EXPECT_EQ(inert_markdown("@octocat https://x", false), "`@octocat https://x`");
  EXPECT_EQ(inert_markdown("a `b` c", false), "``a `b` c``");
  EXPECT_EQ(inert_markdown("``x", false), "``` ``x ```");
  EXPECT_EQ(inert_markdown("a|b <i>", true), "`a\\|b <i>`");
  EXPECT_EQ(inert_markdown("a\nb\x1b", false), "`a\\nb\\x1b`");
}

TEST(SplicedPlaceholders, FindsSpecValuesInsideAShellScriptOnly) {
  const auto script = spliced_placeholders({"sh", "-ec", "run {recipe} {run_id} {ref} {{sha}}"});
  ASSERT_TRUE(script);
  EXPECT_EQ(script->index, 2u);
  EXPECT_EQ(script->flag, "-ec");
  EXPECT_EQ(script->placeholders, (std::vector<std::string>{"recipe", "ref"}));
  EXPECT_TRUE(spliced_placeholders({"/usr/bin/env", "X=1", "bash", "-c", "x {sha}"}));
  EXPECT_TRUE(spliced_placeholders({"sh", "-o", "errexit", "-c", "x {canary}"}));
  EXPECT_FALSE(spliced_placeholders({"sh", "-c", "x \"$1\"", "sh", "{recipe}"}));
  EXPECT_FALSE(spliced_placeholders({"sh", "script.sh", "{recipe}"}));
  EXPECT_FALSE(spliced_placeholders({"python3", "-c", "{recipe}"}));
  EXPECT_FALSE(spliced_placeholders({"sh", "-c"}));
}

}  // namespace
}  // namespace canary
