#include <canary/run_record.hpp>

#include "support/approval.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace canary {
namespace {

using canary::testing::read_text;
using canary::testing::TempDir;
using canary::testing::write_text;

RunRecord mismatch_record() {
  RunRecord r;
  r.canary = "bad-backup";
  r.spec_path = "canaries/bad-backup.yaml";
  r.spec_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  r.profile = "local";
  r.run_id = "bad-backup-20260131T120000Z-4242-0badc0de";
  r.command = {"/opt/canary/bin/canary-localci", "run", "--run-id", r.run_id};
  r.artifact_dir = "/var/canary/" + r.run_id;
  r.started = "2026-01-31T12:00:00Z";
  r.finished = "2026-01-31T12:01:30Z";
  r.duration_s = 90.1249;  // written to the millisecond
  r.exit_code = 0;
  r.attempts = 1;
  r.outcome = Outcome::mismatch;
  r.findings = {{"verdict", "red", "green"}, {"tier backup", "fail", "pass"}};
  r.expect = "RED at backup";
  r.tiers = {{"install", Status::pass, Status::pass},
             {"backup", Status::fail, Status::pass},
             {"restore", std::nullopt, Status::pass},
             {"custom", std::nullopt, std::nullopt}};
  return r;
}

RunRecord killed_record() {
  RunRecord r = mismatch_record();
  r.exit_code = std::nullopt;
  r.signal = "SIGKILL";
  r.timed_out = true;
  r.attempts = 3;
  r.outcome = Outcome::tool_error;
  r.findings = {{"harness", "a completed run with results.json",
                 "harness timed out after 5m (killed with SIGKILL); see x/harness.stderr.log"}};
  return r;
}

RunRecord flaky_record() {
  RunRecord r = mismatch_record();
  r.attempts = 2;
  r.outcome = Outcome::flaky;
  r.flaky = FlakeRecord{"https://bugs.example/42",
                        2,
                        {{"bad-backup-1", Outcome::mismatch}, {"bad-backup-2", Outcome::pass}}};
  return r;
}

RunRecord interrupted_record() {
  RunRecord r = killed_record();
  r.timed_out = false;
  r.signal = "SIGTERM";
  r.interrupted = "SIGINT";
  r.findings = {{"harness", "a completed run with results.json",
                 "interrupted by SIGINT: stopped the harness group with SIGTERM"}};
  return r;
}

TEST(RunRecordJson, AFlakyRecordNamesTheBugAndEveryRun) {
  const auto json = nlohmann::json::parse(to_json(flaky_record()));
  EXPECT_EQ(json["outcome"], "FLAKY");
  EXPECT_EQ(json["flaky"]["bug"], "https://bugs.example/42");
  EXPECT_EQ(json["flaky"]["reruns"], 2);
  EXPECT_EQ(json["flaky"]["runs"],
            nlohmann::json::parse(R"([{"run_id": "bad-backup-1", "outcome": "MISMATCH"},
                                      {"run_id": "bad-backup-2", "outcome": "PASS"}])"));
  EXPECT_TRUE(json["interrupted"].is_null());
}

TEST(RunRecordJson, AnInterruptedRecordSaysBySignal) {
  const auto json = nlohmann::json::parse(to_json(interrupted_record()));
  EXPECT_EQ(json["interrupted"], "SIGINT");
  EXPECT_EQ(json["outcome"], "TOOL_ERROR");
  EXPECT_TRUE(json["flaky"].is_null());
}

TEST(RunRecordFile, RecordsWithoutTheNewerKeysStillRead) {
  const TempDir dir;
  auto json = nlohmann::json::parse(to_json(mismatch_record()));
  json.erase("interrupted");
  json.erase("flaky");
  write_text(dir / "r.json", json.dump());
  const ParsedRecord parsed = read_record_file(dir / "r.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.interrupted, std::nullopt);
  EXPECT_EQ(parsed.record.flaky, std::nullopt);
}

TEST(RunRecordJson, MatchesTheGoldenFile) {
  const std::string golden = std::string(CANARY_SOURCE_DIR) + "/tests/runner/golden";
  canary::testing::expect_golden(to_json(mismatch_record()), golden + "/canary-run.json");
}

TEST(RunRecordJson, AKilledRunHasANullExitCodeAndASignal) {
  const auto json = nlohmann::json::parse(to_json(killed_record()));
  EXPECT_TRUE(json["exit_code"].is_null());
  EXPECT_EQ(json["signal"], "SIGKILL");
  EXPECT_EQ(json["timed_out"], true);
  EXPECT_EQ(json["attempts"], 3);
  EXPECT_EQ(json["outcome"], "TOOL_ERROR");
}

// A finding keeps the spec line it checks; a finding written without one reads back without.
TEST(RunRecordFile, FindingsKeepTheirSpecLocation) {
  const TempDir dir;
  RunRecord record = mismatch_record();
  record.findings[1].location = {"canaries/bad-backup.yaml", 11, 5};
  ASSERT_EQ(write_record(dir.path(), record), "");
  const auto json = nlohmann::json::parse(read_text(dir / kRunRecordFile));
  EXPECT_EQ(json["findings"][1]["location"],
            nlohmann::json::parse(R"({"file": "canaries/bad-backup.yaml", "line": 11, "column": 5})"));
  EXPECT_FALSE(json["findings"][0].contains("location"));
  const ParsedRecord parsed = read_record_file(dir / kRunRecordFile);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.findings, record.findings);
}

TEST(RunRecordFile, RoundTrips) {
  const TempDir dir;
  for (const RunRecord& record :
       {mismatch_record(), killed_record(), flaky_record(), interrupted_record()}) {
    ASSERT_EQ(write_record(dir.path(), record), "");
    SCOPED_TRACE(to_json(record));
    const ParsedRecord parsed = read_record_file(dir / kRunRecordFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error;
    EXPECT_EQ(to_json(parsed.record), to_json(record));
    EXPECT_EQ(parsed.record.exit_code, record.exit_code);
    EXPECT_EQ(parsed.record.signal, record.signal);
    EXPECT_EQ(parsed.record.outcome, record.outcome);
    EXPECT_EQ(parsed.record.findings, record.findings);
    EXPECT_EQ(parsed.record.interrupted, record.interrupted);
    EXPECT_EQ(parsed.record.flaky, record.flaky);
  }
  // Only the record itself is left: the temp file was renamed, not copied.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(RunRecordFile, ARecordWithoutTheMatrixBlockStillReads) {
  const TempDir dir;
  auto json = nlohmann::json::parse(to_json(mismatch_record()));
  ASSERT_TRUE(json.contains("matrix"));
  json.erase("matrix");
  write_text(dir / kRunRecordFile, json.dump());
  const ParsedRecord parsed = read_record_file(dir / kRunRecordFile);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.expect, "");
  EXPECT_TRUE(parsed.record.tiers.empty());
  EXPECT_EQ(parsed.record.findings, mismatch_record().findings);
}

TEST(RunRecordFile, TheMatrixBlockKeepsExpectedAndActualPerTier) {
  const TempDir dir;
  ASSERT_EQ(write_record(dir.path(), mismatch_record()), "");
  const ParsedRecord parsed = read_record_file(dir / kRunRecordFile);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.expect, "RED at backup");
  ASSERT_EQ(parsed.record.tiers.size(), 4u);
  EXPECT_EQ(parsed.record.tiers[1].tier, "backup");
  EXPECT_EQ(parsed.record.tiers[1].expected, Status::fail);
  EXPECT_EQ(parsed.record.tiers[1].actual, Status::pass);
  EXPECT_FALSE(parsed.record.tiers[2].expected.has_value());
  EXPECT_FALSE(parsed.record.tiers[3].actual.has_value());
}

TEST(RunRecordFile, WritingIntoAMissingDirIsAnError) {
  const TempDir dir;
  const std::string missing = dir / "missing";
  const std::string error = write_record(missing, mismatch_record());
  EXPECT_THAT(error, ::testing::StartsWith("cannot write canary-run.json: cannot open " + missing));
  EXPECT_THAT(error, ::testing::EndsWith(": No such file or directory"));
}

TEST(RunRecordFile, NamesTheKeyThatIsWrong) {
  const TempDir dir;
  const std::string path = dir / kRunRecordFile;
  struct Case {
    std::string description;
    std::function<void(nlohmann::json&)> mutate;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"missing canary", [](auto& j) { j.erase("canary"); }, "missing key 'canary'"},
      {"missing findings", [](auto& j) { j.erase("findings"); }, "missing key 'findings'"},
      {"command not a list", [](auto& j) { j["command"] = "run"; },
       "key 'command' must be an array of strings"},
      {"command of numbers",
       [](auto& j) {
         j["command"] = {1, 2};
       },
       "key 'command' must be an array of strings"},
      {"exit code a string", [](auto& j) { j["exit_code"] = "0"; },
       "key 'exit_code' must be an integer or null"},
      {"signal a number", [](auto& j) { j["signal"] = 9; },
       "key 'signal' must be a string or null"},
      {"timed_out a string", [](auto& j) { j["timed_out"] = "no"; },
       "key 'timed_out' must be a boolean"},
      {"attempts fractional", [](auto& j) { j["attempts"] = 1.5; },
       "key 'attempts' must be an integer"},
      {"duration a string", [](auto& j) { j["duration_s"] = "90"; },
       "key 'duration_s' must be a number"},
      {"unknown outcome", [](auto& j) { j["outcome"] = "GREEN"; },
       "key 'outcome' has unknown value 'GREEN'"},
      {"finding not an object", [](auto& j) { j["findings"][1] = "x"; },
       "key 'findings[1]' must be an object"},
      {"finding without actual", [](auto& j) { j["findings"][0].erase("actual"); },
       "missing key 'findings[0].actual'"},
      {"finding check a number", [](auto& j) { j["findings"][1]["check"] = 3; },
       "key 'findings[1].check' must be a string"},
      {"interrupted a number", [](auto& j) { j["interrupted"] = 2; },
       "key 'interrupted' must be a string or null"},
      {"flaky a string", [](auto& j) { j["flaky"] = "yes"; },
       "key 'flaky' must be an object or null"},
      {"flaky without bug",
       [](auto& j) {
         j["flaky"] = {{"reruns", 2}, {"runs", nlohmann::json::array()}};
       },
       "missing key 'flaky.bug'"},
      {"flaky run with an unknown outcome",
       [](auto& j) {
         j["flaky"] = {{"bug", "#1"},
                       {"reruns", 1},
                       {"runs", {{{"run_id", "x"}, {"outcome", "MAYBE"}}}}};
       },
       "key 'flaky.runs' must hold {run_id, outcome} objects"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.description);
    auto json = nlohmann::json::parse(to_json(mismatch_record()));
    c.mutate(json);
    write_text(path, json.dump());
    const ParsedRecord parsed = read_record_file(path);
    EXPECT_EQ(parsed.error, path + ": " + c.error);
  }
}

TEST(RunRecordFile, RejectsFilesThatAreNotRecords) {
  const TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not valid JSON"},
      {"{\"canary\": ", "not valid JSON"},
      {"[1, 2]", "expected a JSON object"},
  };
  for (const auto& [text, error] : cases) {
    SCOPED_TRACE(text);
    write_text(dir / "r.json", text);
    EXPECT_EQ(read_record_file(dir / "r.json").error, dir / "r.json" + ": " + error);
  }
  EXPECT_EQ(read_record_file(dir / "missing.json").error,
            dir / "missing.json" + ": cannot read: No such file or directory");
}

// canary verify's reader: the fields it judges by, the same as the full reader's.
TEST(RunRecordVerdictFields, ReadsWhatTheFullReaderReads) {
  const TempDir dir;
  for (const RunRecord& record :
       {mismatch_record(), killed_record(), flaky_record(), interrupted_record()}) {
    SCOPED_TRACE(to_json(record));
    ASSERT_EQ(write_record(dir.path(), record), "");
    const ParsedRecord parsed = read_record_for_verdict(dir / kRunRecordFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error;
    EXPECT_EQ(parsed.record.canary, record.canary);
    EXPECT_EQ(parsed.record.spec_hash, record.spec_hash);
    EXPECT_EQ(parsed.record.exit_code, record.exit_code);
    EXPECT_EQ(parsed.record.signal, record.signal);
    EXPECT_EQ(parsed.record.timed_out, record.timed_out);
    EXPECT_EQ(parsed.record.outcome, record.outcome);
  }
}

// A fault in any field verify judges by is the full reader's error, word for word; so are files
// that are no record at all, and escapes or non-ASCII text the fast path leaves to nlohmann.
TEST(RunRecordVerdictFields, ErrorsInItsFieldsAreTheFullReadersErrors) {
  const TempDir dir;
  const std::string path = dir / kRunRecordFile;
  const std::vector<std::function<void(nlohmann::json&)>> mutations = {
      [](auto& j) { j["exit_code"] = "0"; },   [](auto& j) { j["exit_code"] = 1.5; },
      [](auto& j) { j["signal"] = 9; },        [](auto& j) { j["timed_out"] = "no"; },
      [](auto& j) { j["canary"] = {{"id", "x"}}; },
      [](auto& j) { j["spec_hash"] = nlohmann::json::array(); },
  };
  for (const auto& mutate : mutations) {
    auto json = nlohmann::json::parse(to_json(mismatch_record()));
    mutate(json);
    SCOPED_TRACE(json.dump());
    write_text(path, json.dump());
    const ParsedRecord full = read_record_file(path);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(read_record_for_verdict(path).error, full.error);
  }
  for (const std::string text : {"", "{\"canary\": ", "[1, 2]", "7", "\"PASS\""}) {
    SCOPED_TRACE(text);
    write_text(path, text);
    EXPECT_EQ(read_record_for_verdict(path).error, read_record_file(path).error);
  }
  EXPECT_EQ(read_record_for_verdict(dir / "missing.json").error,
            read_record_file(dir / "missing.json").error);

  RunRecord unicode = mismatch_record();
  unicode.canary = "caf\u00e9-\"quoted\"";
  ASSERT_EQ(write_record(dir.path(), unicode), "");
  const ParsedRecord parsed = read_record_for_verdict(path);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.canary, unicode.canary);
}

// By design it does not police fields verify never reads: those are the full reader's business.
TEST(RunRecordVerdictFields, FieldsVerifyDoesNotReadAreNotChecked) {
  const TempDir dir;
  const std::string path = dir / kRunRecordFile;
  auto json = nlohmann::json::parse(to_json(mismatch_record()));
  json["command"] = "run";
  write_text(path, json.dump());
  EXPECT_FALSE(read_record_file(path).ok());
  const ParsedRecord parsed = read_record_for_verdict(path);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.canary, mismatch_record().canary);
}

// A document ends where its JSON ends: nlohmann alone would stop at the NUL and say nothing.
TEST(RunRecordFile, TrailingBytesAfterTheDocumentAreAnErrorWithTheirOffset) {
  const TempDir dir;
  const std::string path = dir / kRunRecordFile;
  const std::string record = to_json(mismatch_record());
  write_text(path, record + std::string(1, '\0') + "{\"outcome\": \"PASS\"}");
  for (const ParsedRecord& parsed : {read_record_file(path), read_record_for_verdict(path),
                                     read_record_file(path, RecordMode::tolerant)}) {
    EXPECT_EQ(parsed.error, path + ": trailing bytes after the JSON document at byte offset " +
                                std::to_string(record.size()) + " (a NUL byte)");
  }
  write_text(path, "{} {}");
  EXPECT_EQ(read_record_file(path).error,
            path + ": trailing bytes after the JSON document at byte offset 3");
}

// Tolerant mode: the keys first promised are enough; the rest are listed, not required.
TEST(RunRecordFile, TolerantModeListsMissingKeysAndIgnoresUnknownOnes) {
  const TempDir dir;
  const std::string path = dir / kRunRecordFile;
  auto json = nlohmann::json::parse(to_json(mismatch_record()));
  for (const char* key : {"spec_path", "spec_hash", "artifact_dir", "duration_s", "matrix",
                          "interrupted", "flaky", "strays"}) {
    json.erase(key);
  }
  json["findings"][0]["location"] = {{"file", "canaries/bad-backup.yaml"}, {"line", 7}};
  json["a_key_of_a_newer_canary"] = {1, 2, 3};
  write_text(path, json.dump());
  EXPECT_EQ(read_record_file(path).error, path + ": missing key 'spec_path'");
  const ParsedRecord parsed = read_record_file(path, RecordMode::tolerant);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_THAT(parsed.missing,
              ::testing::ElementsAre("spec_path", "spec_hash", "artifact_dir", "duration_s"));
  EXPECT_EQ(parsed.record.findings, mismatch_record().findings);
  const ParsedRecord verdict = read_record_for_verdict(path);
  ASSERT_TRUE(verdict.ok()) << verdict.error;
  EXPECT_EQ(verdict.missing, parsed.missing);
  EXPECT_EQ(verdict.record.canary, "bad-backup");
}

TEST(RunRecordFile, StraysRoundTripAndAreTyped) {
  const TempDir dir;
  RunRecord record = mismatch_record();
  record.strays = 2;
  record.stray_commands = {"sleep 61", "nginx: master process"};
  ASSERT_EQ(write_record(dir.path(), record), "");
  const ParsedRecord parsed = read_record_file(dir / kRunRecordFile);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.record.strays, 2);
  EXPECT_EQ(parsed.record.stray_commands, record.stray_commands);
  auto json = nlohmann::json::parse(to_json(record));
  json["strays"] = 2;
  write_text(dir / kRunRecordFile, json.dump());
  EXPECT_THAT(read_record_for_verdict(dir / kRunRecordFile).error,
              ::testing::HasSubstr("key 'strays' must be {count"));
}

}  // namespace
}  // namespace canary
