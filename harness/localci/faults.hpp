#pragma once
// Deliberate harness bugs (--fault NAME), so canaries can be shown to catch a broken harness.

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace canary::localci {

struct Fault {
  std::string_view name;
  std::string_view effect;
};

inline constexpr Fault kFaults[] = {
    {"ignore-custom-failures",
     "the custom tier reports pass whatever its tests found (a false green)"},
    {"leak-secret", "the harness writes the recipe's secrets into logs/harness.log"},
};

// "" when every name is a known fault, else a message naming the unknown one.
std::string check_faults(const std::set<std::string>& names);

}  // namespace canary::localci
