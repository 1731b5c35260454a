#include "recipe.hpp"

#include <algorithm>

namespace canary::localci {

const Service* Recipe::find_service(std::string_view wanted) const {
  const auto it = std::find_if(services.begin(), services.end(),
                               [&](const Service& service) { return service.name == wanted; });
  return it == services.end() ? nullptr : &*it;
}

bool Recipe::has_volume(std::string_view wanted) const {
  return std::any_of(volumes.begin(), volumes.end(),
                     [&](const Volume& volume) { return volume.name == wanted; });
}

bool Recipe::has_secret(std::string_view wanted) const {
  return std::find(secrets.begin(), secrets.end(), wanted) != secrets.end();
}

}  // namespace canary::localci
