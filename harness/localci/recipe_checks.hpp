#pragma once
// The checks that span a recipe: names, references between its parts, placeholders, files.

#include "recipe.hpp"
#include "yaml_reader.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace canary::localci {

void check_recipe(const Recipe& recipe, Diagnostics& diagnostics);

// The files and directories the recipe names exist under `root` (its checkout).
void check_recipe_files(const Recipe& recipe, const std::filesystem::path& root,
                        Diagnostics& diagnostics);

// Why `name` is not a placeholder this recipe can fill, or nullopt when it is one: {src},
// {state}, {volume.V}, {secret.S}, {service.N.port}; plus {value} or {port} where allowed.
std::optional<std::string> placeholder_problem(
    const Recipe& recipe, std::string_view name,
    std::initializer_list<std::string_view> also_allowed = {});

}  // namespace canary::localci
