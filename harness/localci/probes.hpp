#pragma once
// Runs a recipe's declarative probes against a deployment: checks, reads and marker writes.

#include "deployment.hpp"
#include "recipe.hpp"

#include <string>

namespace canary::localci {

struct ProbeOutcome {
  bool ok = false;
  std::string detail;  // why it failed, or what a read gave back
  std::string value;   // a read's value, trimmed
};

// "http web GET /data/marker.txt", from the recipe's text (placeholders unfilled, so a
// secret in a path or header never reaches a log).
std::string describe(const Probe& probe);

// Judges the probe's expectations; every check is logged to the tier log.
ProbeOutcome run_check(Deployment& deployment, const Probe& probe, TierLog& log);
// Runs the probe and returns its value (an HTTP read must answer 200).
ProbeOutcome read_value(Deployment& deployment, const Probe& probe, TierLog& log);
// Stores `value` through a marker write (a file in a volume, or a SQL statement).
std::string write_value(Deployment& deployment, const Probe& probe, const std::string& value,
                        TierLog& log);

// Runs every check; "" when all pass, else the first failure (all failures are logged).
std::string run_checks(Deployment& deployment, const std::vector<Probe>& checks, TierLog& log);

}  // namespace canary::localci
