#pragma once
// Canary's model values as the unit tests build and read them: diagnostics as the user reads
// them, and specs made in code rather than loaded from YAML.

#include <canary/diagnostic.hpp>
#include <canary/spec.hpp>

#include <functional>
#include <string>
#include <vector>

namespace canary::testing {

// Each diagnostic as format() prints it ("path:line:col: error: message").
std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics);

// An edit of a spec made in code.
using SpecChange = std::function<void(CanarySpec&)>;

// The spec `id` with every standard flag expected true, as the loader leaves one, then `change`.
CanarySpec spec_with(const std::string& id, const SpecChange& change);

}  // namespace canary::testing
