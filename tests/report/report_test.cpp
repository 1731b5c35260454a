// The report from recorded runs (tests/report/data/night: real runs of tests/report/canaries on
// the example harness, one record made older and one newer by hand) and from crafted records.
#include <canary/report.hpp>

#include "support/fakes.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace canary {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using canary::testing::TempDir;
using canary::testing::write_text;

const std::string kNight = std::string(CANARY_SOURCE_DIR) + "/tests/report/data/night";

ReportNight recorded_night() {
  LoadedNight loaded = load_night({kNight});
  EXPECT_TRUE(loaded.ok()) << loaded.error;
  return loaded.night;
}

std::string record_json(const std::string& canary, const std::string& outcome,
                        const std::string& started, int attempts, const std::string& extra = "") {
  return "{\"canary\": \"" + canary + "\", \"outcome\": \"" + outcome + "\", \"started\": \"" +
         started + "\", \"attempts\": " + std::to_string(attempts) +
         ", \"duration_s\": 1.5, \"findings\": []" + extra + "}";
}

// A record as the runner leaves it: the file, and its line in the root's run index.
void write_record(const TempDir& dir, const std::string& name, const std::string& json) {
  canary::testing::write_indexed_run(dir.path(), name, json);
}

TEST(ReportLoad, EveryCanaryOnceSortedByIdTheLastAttemptCarriesTheVerdict) {
  const ReportNight night = recorded_night();
  std::vector<std::string> ids;
  for (const ReportEntry& entry : night.entries) ids.push_back(entry.canary);
  EXPECT_THAT(ids, ::testing::ElementsAre("example-bad-backup", "example-healthy",
                                          "example-healthy-2", "example-healthy-3", "known-bug",
                                          "unknown-commit", "wrongly-red"));
  const ReportEntry* tool_error = night.find("unknown-commit");
  ASSERT_NE(tool_error, nullptr);
  EXPECT_EQ(tool_error->attempts, 2);
  EXPECT_EQ(tool_error->outcome, "TOOL_ERROR");
  EXPECT_THAT(tool_error->dir, HasSubstr("c0ac02d1"));  // the second attempt's dir
  EXPECT_EQ(night.date, "2026-11-22T02:49:19Z");
}

TEST(ReportLoad, TheMatrixBlockGivesExpectedAndActualPerTier) {
  const ReportNight night = recorded_night();
  const ReportEntry* entry = night.find("wrongly-red");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->expect, "RED at backup");
  ASSERT_EQ(entry->tiers.size(), 5u);
  EXPECT_EQ(entry->tiers[2].tier, "backup");
  EXPECT_EQ(entry->tiers[2].expected, "fail");
  EXPECT_EQ(entry->tiers[2].actual, "pass");
  EXPECT_FALSE(entry->tiers[2].matches());
  EXPECT_FALSE(entry->tiers[3].expected.has_value());  // restore: not judged
  EXPECT_TRUE(entry->tiers[3].matches());
}

TEST(ReportLoad, AnOlderRecordWithoutTheMatrixTakesTiersFromResultsJson) {
  const ReportNight night = recorded_night();
  const ReportEntry* entry = night.find("example-healthy-2");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->expect, "");
  ASSERT_EQ(entry->tiers.size(), 5u);
  EXPECT_EQ(entry->tiers[0].actual, "pass");
  EXPECT_FALSE(entry->tiers[0].expected.has_value());
}

TEST(ReportLoad, OutcomesThisBuildDoesNotKnowAreKeptAndCountAsFailures) {
  const ReportNight night = recorded_night();
  const ReportEntry* flaky = night.find("example-healthy-3");
  ASSERT_NE(flaky, nullptr);
  EXPECT_EQ(flaky->klass(), OutcomeClass::flaky);
  EXPECT_THAT(flaky->note, HasSubstr("flaky: "));
  EXPECT_THAT(flaky->note, HasSubstr("\"passed_on_attempt\":2"));
  EXPECT_EQ(classify_outcome("INTERRUPTED_SOMEHOW"), OutcomeClass::fail);
  EXPECT_EQ(classify_outcome("XPASS"), OutcomeClass::fail);
  EXPECT_EQ(classify_outcome("XFAIL"), OutcomeClass::pass);
  EXPECT_EQ(classify_outcome("TOOL_ERROR"), OutcomeClass::error);
}

TEST(ReportLoad, FailsClosedOnUnreadableRecordsAndOnNone) {
  const TempDir dir;
  EXPECT_THAT(load_night({dir.path()}).error, HasSubstr("no canary-run.json found"));
  EXPECT_THAT(load_night({dir / "missing"}).error, HasSubstr("not a directory"));
  // A broken record is its own row's tool error; the night is still loaded.
  auto broken = [&dir] {
    const LoadedNight night = load_night({dir.path()});
    EXPECT_TRUE(night.ok()) << night.error;
    EXPECT_EQ(night.night.entries.size(), 1U);
    EXPECT_EQ(night.night.entries.empty() ? "" : night.night.entries[0].outcome, "TOOL_ERROR");
    return night.broken.empty() ? std::string() : night.broken[0];
  };
  write_record(dir, "a", "{\"canary\": ");
  EXPECT_THAT(broken(), HasSubstr("a/canary-run.json: not valid JSON"));
  write_record(dir, "a", "{\"outcome\": \"PASS\"}");
  EXPECT_THAT(broken(), HasSubstr("no canary id"));
  write_record(dir, "a", "{\"canary\": \"x\"}");
  EXPECT_THAT(broken(), HasSubstr("no outcome"));
}

TEST(ReportLoad, MergedShardsAreOneNightAndTheLatestRunOfACanaryWins) {
  const TempDir one, two;
  write_record(one, "r1", record_json("alpha", "MISMATCH", "2026-01-01T00:00:00Z", 1));
  write_record(two, "r2", record_json("alpha", "PASS", "2026-01-01T00:05:00Z", 1));
  write_record(two, "r3", record_json("beta", "PASS", "2026-01-01T00:01:00Z", 1));
  const LoadedNight night = load_night({one.path(), two.path()});
  ASSERT_TRUE(night.ok()) << night.error;
  ASSERT_EQ(night.night.entries.size(), 2u);
  EXPECT_EQ(night.night.entries[0].outcome, "PASS");
  EXPECT_EQ(night.night.label, one.path() + " + " + two.path());
}

TEST(ReportHistory, BrokenSinceIsTheStartOfTheFailingStreakThatReachesTheLastNight) {
  auto night = [](std::vector<std::pair<std::string, std::string>> outcomes) {
    ReportNight n;
    for (auto& [canary, outcome] : outcomes) {
      ReportEntry e;
      e.canary = canary;
      e.outcome = outcome;
      n.entries.push_back(e);
    }
    return n;
  };
  const std::vector<ReportNight> nights = {
      night({{"a", "MISMATCH"}, {"b", "PASS"}, {"c", "PASS"}}),
      night({{"a", "PASS"}, {"b", "MISMATCH"}, {"c", "PASS"}}),
      night({{"a", "TOOL_ERROR"}, {"b", "XPASS"}, {"c", "FLAKY"}}),
  };
  EXPECT_EQ(broken_since(nights, "a"), 2u);
  EXPECT_EQ(broken_since(nights, "b"), 1u);
  EXPECT_EQ(broken_since(nights, "c"), std::nullopt);
  EXPECT_EQ(broken_since(nights, "absent"), std::nullopt);
}

TEST(ReportMarkdown, TheMatrixWithExpectedAndActualAndTheFindingsOfEveryFailure) {
  const std::string md = render_markdown({recorded_night()}, {});
  EXPECT_THAT(md, HasSubstr("**7 canaries: 4 passed, 1 flaky, 1 failed, 1 tool error**"));
  EXPECT_THAT(md, HasSubstr("| canary | expect | outcome | install | upgrade | backup | restore | "
                            "custom | duration |"));
  EXPECT_THAT(md, HasSubstr("| wrongly-red | RED at backup | ❌ MISMATCH | pass ✓ | pass ✓ | "
                            "**pass** ✗ want fail | pass | pass | 0.0 s |"));
  EXPECT_THAT(md, HasSubstr("| example-healthy-2 | - | ✅ PASS | pass | pass | pass | pass | pass |"));
  EXPECT_THAT(md, HasSubstr("\n**wrongly-red**: MISMATCH\n- `verdict: expected red, got green"));
  EXPECT_THAT(md, HasSubstr("\n**unknown-commit**: TOOL\\_ERROR after 2 attempts\n- `harness: "));
  EXPECT_THAT(md, HasSubstr("\n**example-healthy-3**: FLAKY\n- note: `flaky: "));
  EXPECT_THAT(md, Not(HasSubstr("**known-bug**")));  // XFAIL passes
}

TEST(ReportMarkdown, NoTimingsLeavesOutDurationsAndSeveralNightsAddHistory) {
  const ReportNight night = recorded_night();
  ReportOptions options;
  options.timings = false;
  const std::string md = render_markdown({night, night}, options);
  EXPECT_THAT(md, Not(HasSubstr("duration")));
  EXPECT_THAT(md, Not(HasSubstr(" s |")));
  EXPECT_THAT(md, HasSubstr("(last of 2 nights)"));
  EXPECT_THAT(md, HasSubstr("| ❌❌ |"));
  EXPECT_THAT(md, HasSubstr("**wrongly-red**: MISMATCH (broken since night 1 of 2)"));
}

TEST(ReportEscaping, HostileTextStaysText) {
  const TempDir dir;
  const std::string nasty = "<script>alert(1)</script> & \"q\" 'a' | *b* \x01 \xff\xfe end";
  write_record(dir, "run", record_json("evil", "MISMATCH", "2026-01-01T00:00:00Z", 1,
                                       ", \"findings\": [{\"check\": \"verdict\", \"expected\": "
                                       "\"red\", \"actual\": \"x\"}]"));
  LoadedNight loaded = load_night({dir.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.error;
  loaded.night.entries[0].findings[0].actual = nasty;  // as a harness might put in a record
  write_text(dir / "run/harness.stdout.log", "line 1\n" + nasty + "\n");
  const std::vector<ReportNight> nights = {loaded.night};

  const std::string html = render_html(nights, {});
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"));
  EXPECT_THAT(html, HasSubstr("\xEF\xBF\xBD\xEF\xBF\xBD end"));  // invalid bytes replaced
  EXPECT_THAT(html, Not(HasSubstr("\x01")));

  const std::string xml = render_junit(nights.back(), {});
  EXPECT_THAT(xml, Not(HasSubstr("<script>")));
  EXPECT_THAT(xml, HasSubstr("<failure type=\"MISMATCH\" message=\"MISMATCH: verdict: expected red, got &lt;script&gt;"));
  EXPECT_THAT(xml, Not(HasSubstr("\xff")));

  const std::string md = render_markdown(nights, {});
  // Harness text is a code span: shown as written, nothing rendered, control bytes escaped.
  EXPECT_THAT(md, HasSubstr("- `verdict: expected red, got <script>alert(1)</script> & \"q\" 'a' | "
                            "*b* \\x01 \\xff\\xfe end`\n"));
}

TEST(ReportJunit, OneTestcasePerCanaryFailuresAndToolErrorsApart) {
  const std::string xml = render_junit(recorded_night(), {});
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"canary\" tests=\"7\" failures=\"1\" errors=\"1\""));
  std::size_t testcases = 0;
  for (std::size_t at = 0; (at = xml.find("<testcase ", at)) != std::string::npos; ++at) ++testcases;
  EXPECT_EQ(testcases, 7u);
  EXPECT_THAT(xml, HasSubstr("name=\"unknown-commit\" time=\""));
  EXPECT_THAT(xml, HasSubstr("<error type=\"TOOL_ERROR\" message=\"TOOL_ERROR: harness: expected a "
                             "completed run with results.json"));
  EXPECT_THAT(xml, HasSubstr("<failure type=\"MISMATCH\" message=\"MISMATCH: verdict: expected red, "
                             "got green (exit code 0) (+2 more)\">"));
  ReportOptions options;
  options.timings = false;
  EXPECT_THAT(render_junit(recorded_night(), options), Not(HasSubstr("time=")));
}

TEST(ReportHtml, SelfContainedWithMatrixHistoryLogTailsAndRelativeLinks) {
  const ReportNight night = recorded_night();
  ReportOptions options;
  options.html_dir = std::string(CANARY_SOURCE_DIR) + "/tests/report/data";
  const std::string html = render_html({night, night}, options);
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, HasSubstr("<table class=\"matrix\" id=\"matrix\">"));
  EXPECT_THAT(html, HasSubstr("<td class=\"tier status-pass judged mismatch\" title=\"expected fail\">"
                              "pass<span class=\"want\">want fail</span></td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"outcome outcome-fail\">MISMATCH</td>"));
  EXPECT_THAT(html, HasSubstr("<table class=\"history\" id=\"history\">"));
  EXPECT_THAT(html, HasSubstr("<td class=\"night hist-error\" title=\"TOOL_ERROR\"></td>"));
  EXPECT_THAT(html, HasSubstr("href=\"night/wrongly-red-20261122T024919Z-31262-09a0d788/results.json\""));
  EXPECT_THAT(html, HasSubstr("backup: snapshot is missing the marker"));  // a stderr tail
  EXPECT_THAT(html, HasSubstr("<section class=\"detail outcome-fail\" id=\"canary-wrongly-red\">"));
}

TEST(ReportText, LogTailsKeepTheLastLines) {
  const TempDir dir;
  std::string text;
  for (int i = 1; i <= 100; ++i) text += "line " + std::to_string(i) + "\n";
  write_text(dir / "log", text);
  ReportOptions options;
  options.log_tail_lines = 3;
  write_record(dir, "run", record_json("c", "PASS", "", 1));
  write_text(dir / "run/harness.stdout.log", text);
  const LoadedNight loaded = load_night({dir.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.error;
  const std::string html = render_html({loaded.night}, options);
  EXPECT_THAT(html, HasSubstr("<pre class=\"log\">line 98\nline 99\nline 100\n</pre>"));
  EXPECT_THAT(html, Not(HasSubstr("line 97\n")));
}

}  // namespace
}  // namespace canary
