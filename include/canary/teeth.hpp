#pragma once
// Spec teeth: every single-point lie about a run that satisfies a spec must be rejected by it.

#include <canary/run_result.hpp>
#include <canary/spec.hpp>
#include <canary/verdict.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace canary {

enum class MutationPoint { tier, test, flag, exit_code, level };

// One single-point change of the satisfying run.
struct Mutant {
  MutationPoint kind = MutationPoint::tier;
  // Index into the satisfying run's tiers (kind tier or test); its size for a tier the spec
  // expects not_run, which the mutant adds (it is the mutated result's last tier).
  std::size_t tier = 0;
  std::size_t test = 0;  // index into that tier's tests (kind test)
  std::string
      point;  // "tier backup", "test backup/test_x", "flag clean_teardown", "exit_code", "level"
  std::string change;  // "pass -> skip", "removed", "true -> false", "0 -> 1", "5 -> 6"
  RunResult result;
};
std::string describe(const Mutant& mutant);  // "tier backup: pass -> skip"

// killed: judge found something; survived: a lie the spec accepts; equivalent: the spec does
// not constrain that point at all, so accepting the change is no lie.
enum class Fate { killed, survived, equivalent };
std::string_view to_string(Fate fate);

struct MutantOutcome {
  std::string description;  // describe(mutant)
  Fate fate = Fate::killed;
  std::vector<Finding> findings;  // what killed it (empty unless killed)
};

struct TeethReport {
  std::string canary;
  std::string path;
  // Set when satisfying_run(spec) does not satisfy the spec: a bug in it, never a pass.
  std::optional<std::string> error;
  std::vector<MutantOutcome> mutants;

  std::size_t count(Fate fate) const;
  bool ok() const { return !error && count(Fate::survived) == 0; }
};

// The run result that satisfies the spec exactly (see docs/design.md, "Teeth and faults").
RunResult satisfying_run(const CanarySpec& spec);

// A concrete test name the glob matches: `*` and `?` become `x`, a class its first member.
std::string concrete_name(const std::string& glob);

// Every single-point mutant of satisfying_run(spec), in the order tiers, tests, flags, exit code, level.
std::vector<Mutant> mutants_of(const CanarySpec& spec);

TeethReport teeth(const CanarySpec& spec);

}  // namespace canary
