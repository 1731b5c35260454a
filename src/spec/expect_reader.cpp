#include "expect_reader.hpp"

#include "suggest.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace canary::spec_detail {
namespace {

constexpr std::array<std::string_view, 7> kExpectKeys = {
    "verdict", "exit_code", "fails_at", "tiers", "level", "flags", "tests"};
constexpr std::array<std::string_view, 3> kTestKeys = {"tier", "name", "status"};

bool known_tier(std::string_view tier, std::span<const std::string_view> tiers) {
  return std::find(tiers.begin(), tiers.end(), tier) != tiers.end();
}

std::string unknown_tier(std::string_view tier, std::span<const std::string_view> tiers) {
  return "unknown tier " + quote(tier) + hint(tier, tiers);
}

// A tier name as a value (`fails_at`, a test's `tier`); reported and nullopt when unknown.
std::optional<std::string> read_tier(const Entry& entry, std::span<const std::string_view> tiers,
                                     Reporter& reporter) {
  auto tier = read_string(entry, reporter);
  if (tier && !known_tier(*tier, tiers)) {
    reporter.error(entry.value_at, unknown_tier(*tier, tiers));
    return std::nullopt;
  }
  return tier;
}

// A tier's status is one of kTierStatuses or not_run; a test may also be xfail or xpass.
std::optional<Status> read_status(const Entry& entry, Reporter& reporter, std::string_view what,
                                  bool for_tier) {
  const auto word = read_string(entry, reporter, what);
  if (!word) return std::nullopt;
  const auto status = for_tier ? parse_tier_expectation(*word) : parse_status(*word);
  const std::string_view words = for_tier ? kTierExpectationWords : kTestStatusWords;
  if (!status) {
    reporter.error(entry.value_at, "unknown status " + quote(*word) + " for " + std::string(what) +
                                       " (expected " + std::string(words) + ")");
  } else if (for_tier && !is_tier_status(*status) && *status != Status::not_run) {
    reporter.error(entry.value_at, "'" + *word + "' is a test status; " + std::string(what) +
                                       " is " + std::string(words) +
                                       " (a tier holding an xfail test passes)");
    return std::nullopt;
  }
  return status;
}

class ExpectReader {
 public:
  ExpectReader(std::span<const std::string_view> tiers, Reporter& reporter)
      : tiers_(tiers), reporter_(reporter) {}

  ExpectDraft read(const Entry& expect) {
    draft_.at = expect.key_at;
    for (const Entry& entry : map_entries(expect.value, kExpectKeys, reporter_)) {
      const std::size_t errors_before = reporter_.count();
      draft_.places[entry.key] = entry.key_at;
      read_key(entry);
      if (reporter_.count() != errors_before && entry.key != "level" && entry.key != "flags") {
        draft_.complete = false;
      }
    }
    return std::move(draft_);
  }

 private:
  void read_key(const Entry& entry) {
    auto& expect = draft_.expect;
    if (entry.key == "verdict") {
      draft_.verdict_at = entry.value_at;
      read_verdict(entry);
    } else if (entry.key == "exit_code") {
      draft_.exit_code_at = entry.value_at;
      const auto code = read_integer(entry, reporter_);
      if (code && (*code < 0 || *code > 255)) {
        reporter_.error(entry.value_at,
                        "'exit_code' must be between 0 and 255, not " + std::to_string(*code));
      } else if (code) {
        expect.exit_code = static_cast<int>(*code);
      }
    } else if (entry.key == "fails_at") {
      draft_.fails_at_at = entry.value_at;
      expect.fails_at = read_tier(entry, tiers_, reporter_);
    } else if (entry.key == "tiers") {
      if (expect_map(entry, reporter_, "of tier to status")) read_tiers(entry);
    } else if (entry.key == "level") {
      const auto level = read_integer(entry, reporter_);
      if (level && (*level < 0 || *level > INT_MAX)) {
        reporter_.error(entry.value_at, "'level' must be 0 or more, not " + std::to_string(*level));
      } else if (level) {
        expect.level = static_cast<int>(*level);
      }
    } else if (entry.key == "flags") {
      if (expect_map(entry, reporter_, "of flag to true or false")) read_flags(entry);
    } else if (entry.key == "tests") {
      draft_.tests_at = entry.key_at;
      if (expect_list(entry, reporter_, "of {tier, name, status}")) read_tests(entry);
    }
  }

  void read_verdict(const Entry& entry) {
    const auto word = read_string(entry, reporter_);
    if (!word) return;
    draft_.expect.verdict = parse_color(*word);
    if (!draft_.expect.verdict) {
      reporter_.error(entry.value_at,
                      "unknown verdict " + quote(*word) + " (expected green or red)");
    }
  }

  void read_tiers(const Entry& tiers) {
    for (const Entry& entry : map_entries(tiers.value, {}, reporter_)) {
      const bool known = known_tier(entry.key, tiers_);
      if (!known) reporter_.error(entry.key_at, unknown_tier(entry.key, tiers_));
      const auto status = read_status(entry, reporter_, "tier " + quote(entry.key), true);
      if (known && status) {
        draft_.expect.tiers.emplace_back(entry.key, *status);
        draft_.tier_at.push_back(entry.key_at);
        draft_.places["tier " + entry.key] = entry.key_at;
      }
    }
  }

  void read_flags(const Entry& flags) {
    for (const Entry& entry : map_entries(flags.value, {}, reporter_)) {
      const bool known = known_flag(entry.key);
      if (!known) {
        reporter_.error(entry.key_at,
                        "unknown flag " + quote(entry.key) + hint(entry.key, kStandardFlags));
      }
      const auto value = read_bool(entry, reporter_);
      if (known && value) {
        draft_.expect.flags[entry.key] = *value;
        draft_.expect.named_flags.push_back(entry.key);
        draft_.places["flag " + entry.key] = entry.key_at;
      }
    }
  }

  static bool known_flag(std::string_view flag) {
    return std::find(kStandardFlags.begin(), kStandardFlags.end(), flag) != kStandardFlags.end();
  }

  void read_tests(const Entry& tests) {
    for (const YAML::Node& item : tests.value) {
      if (!item.IsMap()) {
        reporter_.error(
            place_of(item),
            "each entry of 'tests' must be a map {tier, name, status}, not " + describe(item));
        draft_.complete = false;
        continue;
      }
      read_test(item);
    }
  }

  void read_test(const YAML::Node& item) {
    const std::size_t errors_before = reporter_.count();
    const auto entries = map_entries(item, kTestKeys, reporter_);
    TestExpectation test;
    for (const std::string_view key : kTestKeys) {
      if (!find_entry(entries, key)) {
        reporter_.error(place_of(item),
                        "missing required key '" + std::string(key) + "' in test entry");
      }
    }
    if (const Entry* tier = find_entry(entries, "tier")) {
      test.tier = read_tier(*tier, tiers_, reporter_).value_or("");
    }
    if (const Entry* name = find_entry(entries, "name")) {
      test.name = read_string(*name, reporter_).value_or("");
      if (name->value.IsScalar() && test.name.empty()) {
        reporter_.error(name->value_at, "'name' must not be empty (a test name or glob)");
      }
    }
    if (const Entry* status = find_entry(entries, "status")) {
      const std::string what = test.name.empty() ? "test" : "test " + quote(test.name);
      test.status = read_status(*status, reporter_, what, false).value_or(Status::pass);
    }
    if (reporter_.count() != errors_before) return;
    draft_.places.try_emplace("test " + test.tier + "/" + test.name, place_of(item));
    draft_.expect.tests.push_back(std::move(test));
  }

  std::span<const std::string_view> tiers_;
  Reporter& reporter_;
  ExpectDraft draft_;
};

}  // namespace

std::optional<Expectation> read_expect(const Entry& entry, std::span<const std::string_view> tiers,
                                       Reporter& reporter, std::map<std::string, Place>& places) {
  if (!expect_map(entry, reporter, "of expectations")) return std::nullopt;
  const std::size_t errors_before = reporter.count();
  ExpectDraft draft = ExpectReader(tiers, reporter).read(entry);
  check_expect(draft, reporter);
  if (reporter.count() != errors_before) return std::nullopt;
  places.merge(draft.places);
  return std::move(draft.expect);
}

}  // namespace canary::spec_detail
