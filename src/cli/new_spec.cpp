#include "new_spec.hpp"

#include <canary/status.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace canary::cli {
namespace {

bool plain_safe(std::string_view text) {
  if (text.empty() || !(std::isalnum(static_cast<unsigned char>(text[0])) || text[0] == '_'))
    return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// A YAML scalar for any text the harness reported: plain when that is safe, else double-quoted
// with every control byte escaped, so nothing it holds can add a key or a line.
std::string yaml_scalar(std::string_view text) {
  if (plain_safe(text) && text != "true" && text != "false" && text != "null") {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A glob that matches exactly `name`: each of * ? [ as a one-member class.
std::string literal_glob(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '*' || c == '?' || c == '[') {
      out += '[';
      out += c;
      out += ']';
    } else {
      out += c;
    }
  }
  return out;
}

bool is_failure(Status status) { return status == Status::fail || status == Status::error; }

std::string header(const NewSpecInput& input) {
  std::string out = "# Written by canary new " + input.source + ". Review it: keep what a\n"
                    "# correct CI server must report, drop what is incidental, and say why in 'about'.\n";
  out += "canary: " + input.id + "\n";
  out += std::string("about: \"TODO: what this canary guards. A correct CI server reports ") +
         (input.red ? "RED" : "GREEN") + " here.\"\n";
  out += "recipe: " + yaml_scalar(input.recipe) + "\n";
  out += "sha: " + input.sha + "\n";
  return out;
}

std::string test_line(const std::string& tier, const TestResult& test) {
  return fmt::format("    - {{tier: {}, name: {}, status: {}}}\n", tier,
                     yaml_scalar(literal_glob(test.name)), to_string(test.status));
}

// The flags a spec must set so the run's own report passes: every standard flag is expected
// true unless said otherwise.
std::string flags_block(const RunResult& result, std::string& comments) {
  std::string flags;
  for (const std::string_view flag : kStandardFlags) {
    const auto found = result.flags.find(std::string(flag));
    if (found == result.flags.end()) {
      comments += "# note: the run did not report flag " + std::string(flag) +
                  ", which every canary expects true\n";
    } else if (!found->second) {
      flags += std::string(flags.empty() ? "" : ", ") + std::string(flag) + ": false";
    }
  }
  return flags.empty() ? "" : "  flags: {" + flags + "}\n";
}

}  // namespace

std::string id_from(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep) {
      out += lower;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "canary" : out;
}

NewSpec spec_from_run(const NewSpecInput& input, const RunResult& result) {
  const auto failing = std::find_if(result.tiers.begin(), result.tiers.end(),
                                    [](const TierResult& tier) { return is_failure(tier.status); });
  if (!input.red && failing != result.tiers.end()) {
    return {"", "the run exited 0 but tier " + failing->name + " is " +
                    std::string(to_string(failing->status)) +
                    ": no verdict to pin (a harness bug?); give --exit-code if the run was red"};
  }
  if (input.red && failing == result.tiers.end()) {
    return {"", "the run exited non-zero but no tier failed: nothing to pin a red canary to"};
  }
  std::string comments;
  std::string out = header(input) + "expect:\n";
  out += input.red ? "  verdict: red\n" : "  verdict: green\n";
  if (input.exit_code) out += fmt::format("  exit_code: {}\n", *input.exit_code);
  const auto end = input.red ? failing + 1 : result.tiers.end();
  out += "  tiers:\n";
  for (auto tier = result.tiers.begin(); tier != end; ++tier) {
    out += "    " + yaml_scalar(tier->name) + ": " + std::string(to_string(tier->status)) + "\n";
  }
  out += flags_block(result, comments);
  std::string tests;
  if (input.red) {
    for (const TestResult& test : failing->tests) {
      if (is_failure(test.status)) tests += test_line(failing->name, test);
    }
  } else {
    for (const TierResult& tier : result.tiers) {
      const auto passed = std::find_if(tier.tests.begin(), tier.tests.end(),
                                       [](const TestResult& t) { return t.status == Status::pass; });
      if (passed != tier.tests.end()) tests += test_line(tier.name, *passed);
    }
  }
  if (!tests.empty()) out += "  tests:\n" + tests;
  return {out + comments, ""};
}

std::string scaffold_spec(const NewSpecInput& input) {
  std::string out = header(input) + "expect:\n";
  if (input.red) {
    out += "  verdict: red\n  # TODO: the tier that must fail, e.g. fails_at: backup\n"
           "  tests:\n"
           "    # TODO: a test that must fail in the failing tier\n"
           "    - {tier: install, name: TODO_failing_test, status: fail}\n";
    return out;
  }
  return out + "  verdict: green\n"
               "  tests:\n"
               "    # TODO: a test that proves each tier ran\n"
               "    - {tier: install, name: TODO_passing_test, status: pass}\n";
}

}  // namespace canary::cli
