#pragma once
// Secret values (named by a harness profile's `secrets:`) masked out of everything Canary
// prints or records: progress lines, findings, canary-run.json, verify output, reports.

#include <canary/verdict.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace canary {

inline constexpr std::string_view kSecretMask = "***";

class SecretMask {
 public:
  SecretMask() = default;
  // Empty values are ignored (they would match everywhere); longer values are masked first,
  // so a secret that contains another is masked whole.
  explicit SecretMask(std::vector<std::string> values);

  // The values of the environment variables `names`, both this process's environment's and
  // those `overrides` (a profile's `env`) sets. Unset or empty variables mask nothing.
  static SecretMask from_environment(const std::vector<std::string>& names,
                                     const std::map<std::string, std::string>& overrides = {});

  // The values from_environment masks, for a caller that gathers them from several profiles.
  static std::vector<std::string> values_from_environment(
      const std::vector<std::string>& names, const std::map<std::string, std::string>& overrides);

  // `text` with every occurrence of every secret replaced by kSecretMask; occurrences that
  // overlap (of one secret or of two) are hidden whole, under one kSecretMask.
  std::string apply(std::string_view text) const;
  bool empty() const { return values_.empty(); }

 private:
  std::vector<std::string> values_;
};

// The names of `names` with no value in this environment nor in `overrides`, comma-separated.
std::string unavailable_secrets(const std::vector<std::string>& names,
                                const std::map<std::string, std::string>& overrides);

// Every text of `findings` masked: what the runner, verify and report do to a verdict.
inline void mask_findings(std::vector<Finding>& findings, const SecretMask& mask) {
  for (Finding& f : findings) {
    f.check = mask.apply(f.check);
    f.expected = mask.apply(f.expected);
    f.actual = mask.apply(f.actual);
  }
}

// One call for callers that hold the values: SecretMask(values).apply(text).
std::string mask_secrets(std::string_view text, const std::vector<std::string>& values);

}  // namespace canary
