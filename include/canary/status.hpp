#pragma once
// Tier names and the status words a harness reports for tiers and tests.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

// What a harness said about one tier or one test. `xfail` (a test expected to fail did fail)
// and `xpass` (it passed: the bug may be fixed) are test statuses only; a tier is never either.
// `not_run` is an expectation only, never reported: the tier must be absent from the results.
enum class Status { pass, fail, skip, error, unver, xfail, xpass, not_run };

inline constexpr std::array<Status, 5> kTierStatuses = {Status::pass, Status::fail, Status::skip,
                                                        Status::error, Status::unver};
inline constexpr std::array<Status, 7> kAllStatuses = {Status::pass,  Status::fail,  Status::skip,
                                                       Status::error, Status::unver, Status::xfail,
                                                       Status::xpass};

// The words of kTierStatuses and kAllStatuses for messages: "pass, fail, skip, na, error or unver".
inline constexpr std::string_view kTierStatusWords = "pass, fail, skip, na, error or unver";
inline constexpr std::string_view kTestStatusWords =
    "pass, fail, skip, na, error, unver, xfail or xpass";

// What a spec may expect of a tier: a tier status, or `not_run` (absent from the results).
inline constexpr std::string_view kTierExpectationWords =
    "pass, fail, skip, na, error, unver or not_run";

// Parses a status word case-insensitively; `na` means skip. Anything else is nullopt, `not_run`
// included: a harness cannot report a tier it did not run.
std::optional<Status> parse_status(std::string_view word);
// parse_status, plus `not_run`: the words a spec's `tiers` (and a record's expectations) take.
std::optional<Status> parse_tier_expectation(std::string_view word);
std::string_view to_string(Status status);
bool is_tier_status(Status status);

// The lifecycle tiers, in the order a harness runs them.
inline constexpr std::array<std::string_view, 5> kStandardTiers = {"install", "upgrade", "backup",
                                                                   "restore", "custom"};

bool is_standard_tier(std::string_view tier);
// Position of a standard tier in kStandardTiers, or nullopt for an extra tier.
std::optional<std::size_t> tier_index(std::string_view tier);

// The two verdicts a canary can expect.
enum class Color { green, red };
std::optional<Color> parse_color(std::string_view word);
std::string_view to_string(Color color);

// Flags every canary judges, expected true unless a spec says otherwise.
inline constexpr std::array<std::string_view, 2> kStandardFlags = {"clean_teardown",
                                                                   "no_secret_leak"};

}  // namespace canary
