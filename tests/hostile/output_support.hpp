#pragma once
// What the output, secrets and lint attacks share: a scratch dir holding a profile that runs one
// purpose-built harness from tests/hostile/harnesses, the real `canary` and `canary-gtest` run on
// it, and the checks every output must pass (no secret or piece of one, no raw control byte, no
// line a CI server would read as a workflow command).
#include "runner/process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace hostile {
namespace fs = std::filesystem;

inline const std::string kSource = CANARY_SOURCE_DIR;
inline const std::string kBin = CANARY_BIN_DIR;

struct Output {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string all() const { return out + err; }
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string harness(const std::string& name) {
  return kSource + "/tests/hostile/harnesses/" + name;
}

// The JSON string escapes of `text` (\" \\ \u00XX), as a record or --json output would hold it.
inline std::string json_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out;
}

// No trace of `secret` in `text`: not whole, not JSON-escaped, not any 8-byte piece of it, and
// not with Markdown's backslash escapes taken out.
inline void expect_no_secret(const std::string& text, const std::string& secret,
                             const std::string& where) {
  std::string unescaped;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    unescaped += text[i];
  }
  const std::vector<const std::string*> haystacks = {&text, &unescaped};
  for (const std::string& form : {secret, json_escaped(secret)}) {
    for (const std::string* haystack : haystacks) {
      EXPECT_EQ(haystack->find(form), std::string::npos) << where << " holds the secret";
    }
  }
  constexpr std::size_t kPiece = 8;
  for (std::size_t i = 0; i + kPiece <= secret.size(); ++i) {
    const std::string piece = secret.substr(i, kPiece);
    if (text.find(piece) != std::string::npos || unescaped.find(piece) != std::string::npos) {
      ADD_FAILURE() << where << " holds the secret's piece '" << piece << "' (offset " << i << ")";
      return;
    }
  }
}

// Every file under `dir`, read: records, results, logs, reports.
inline std::map<std::string, std::string> files_under(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && !it->is_symlink())
      out[it->path().string()] = read_file(it->path());
  }
  return out;
}

// Output Canary printed: no C0 byte but the newline, no DEL, no C1 (U+0080..U+009F), no raw
// bidi control, valid UTF-8, and no line a CI server would take as a workflow command unless
// Canary made it (GitHub's "::" after any spaces, its legacy "##[" and Azure's "##vso[" anywhere).
inline void expect_printable(const std::string& text, const std::string& where,
                             bool annotations_allowed = false) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      ADD_FAILURE() << where << ": raw control byte " << int(c) << " at offset " << i;
      return;
    }
    if (c >= 0x80) {
      const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      bool valid = length > 0 && c < 0xF5 && i + length <= text.size();
      for (std::size_t k = 1; valid && k < length; ++k) {
        valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
      }
      if (!valid) {
        ADD_FAILURE() << where << ": invalid UTF-8 byte " << int(c) << " at offset " << i;
        return;
      }
      if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
        ADD_FAILURE() << where << ": raw C1 control at offset " << i;
        return;
      }
      i += length - 1;
    }
  }
  // Bidi controls and marks, and the noncharacters XML refuses, raw.
  for (const char* raw : {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                          "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\uffff"}) {
    EXPECT_EQ(text.find(raw), std::string::npos) << where << ": a raw bidi control or noncharacter";
  }
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_NE(line, "1 passed, 0 failed") << where << ": a forged summary line";
    // GitHub's legacy commands and Azure Pipelines' are obeyed anywhere in a line.
    for (const char* command : {"##[", "##vso["}) {
      EXPECT_EQ(line.find(command), std::string::npos) << where << ": a CI log command: " << line;
    }
    // The GitHub runner trims spaces, Unicode ones too (String.TrimStart), before "::".
    for (bool trimmed = true; trimmed;) {
      trimmed = false;
      for (const char* space :
           {" ", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
            "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000"}) {
        if (line.starts_with(space)) {
          line.erase(0, std::string_view(space).size());
          trimmed = true;
        }
      }
    }
    if (!line.starts_with("::")) continue;
    // Canary's own annotations, "::error file=...::message": GitHub reads a command only at the
    // start of a line, so harness text inside the message (even "::") is data.
    static const std::regex ours("^::(error|warning)( file=[^:]*)?::");
    EXPECT_TRUE(annotations_allowed && std::regex_search(line, ours))
        << where << ": a line starts with a workflow command: " << line;
  }
}

// A scratch dir, its canaries/ and artifacts/, and runs of the real programs in it.
class Scratch : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("canary-hostile-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "canaries");
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  fs::path artifacts() const { return dir_ / "artifacts"; }

  // A profile running `script` on the artifact dir, with `extra` YAML lines (secrets:, env:).
  std::string profile(const std::string& script, const std::string& extra = "") {
    const fs::path path = dir_ / "profile.yaml";
    write_file(path, "harness: hostile\ncommand: [\"sh\", \"" + harness(script) +
                         "\", \"{artifacts}\"]\nresults: results.json\nretries: 0\ngrace: 1s\n" +
                         extra);
    return path.string();
  }

  // A canary that wants install/test_serving to pass and a green verdict.
  void spec(const std::string& id = "hostile") {
    write_file(dir_ / "canaries" / (id + ".yaml"),
               "canary: " + id +
                   "\nrecipe: custom-html-tiny\nsha: 8f14e45fceea167a5a36dedd4bea2543c9f1a2b3\n"
                   "timeout: 30s\nexpect:\n  verdict: green\n  tests:\n"
                   "    - {tier: install, name: test_serving, status: pass}\n");
  }

  Output run(const std::string& program, const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {}) {
    canary::ProcessRequest request;
    request.argv = {kBin + "/" + program};
    request.argv.insert(request.argv.end(), args.begin(), args.end());
    request.stdout_path = (dir_ / "stdout").string();
    request.stderr_path = (dir_ / "stderr").string();
    request.working_dir = dir_.string();
    request.env = {{"CANARY_ARTIFACT_ROOT", artifacts().string()}, {"COLUMNS", "100"}};
    for (const auto& [name, value] : env) request.env[name] = value;
    request.timeout = std::chrono::seconds(120);
    const canary::ProcessOutcome outcome = canary::run_process(request);
    EXPECT_TRUE(outcome.started) << outcome.start_error;
    EXPECT_FALSE(outcome.timed_out) << program << " timed out";
    Output result{outcome.exit_code.value_or(-1), read_file(request.stdout_path),
                  read_file(request.stderr_path)};
    fs::remove(request.stdout_path);
    fs::remove(request.stderr_path);
    return result;
  }

  Output canary(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {}) {
    return run("canary", args, env);
  }

  // The one run dir under artifacts/.
  fs::path run_dir() {
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(artifacts())) {
      if (entry.is_directory() && entry.path().filename().string()[0] != '.') {
        dirs.push_back(entry.path());
      }
    }
    EXPECT_EQ(dirs.size(), 1u);
    return dirs.empty() ? fs::path() : dirs.front();
  }

  fs::path dir_;
};

}  // namespace hostile
