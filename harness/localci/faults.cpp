#include "faults.hpp"

namespace canary::localci {

std::string check_faults(const std::set<std::string>& names) {
  for (const auto& name : names) {
    bool known = false;
    for (const auto& fault : kFaults) known = known || fault.name == name;
    if (!known) {
      std::string list;
      for (const auto& fault : kFaults)
        list += (list.empty() ? "" : ", ") + std::string(fault.name);
      return "unknown --fault '" + name + "' (known: " + list + ")";
    }
  }
  return "";
}

}  // namespace canary::localci
