#pragma once
// Loads recipe.yaml and checks it: every error of the file in one pass, in compiler format.

#include "recipe.hpp"
#include "yaml_reader.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::localci {

inline constexpr const char* kRecipeFile = "recipe.yaml";

struct RecipeFile {
  std::optional<Recipe> recipe;  // only when there is no diagnostic
  std::vector<RecipeDiagnostic> diagnostics;

  bool ok() const { return recipe.has_value(); }
};

// Parses `text`; with a non-empty `root` (the checkout) also checks the files it names exist.
RecipeFile load_recipe(std::string_view text, const std::filesystem::path& root = {});

// Reads `<dir>/recipe.yaml` (or the file itself) and checks it against that directory.
RecipeFile load_recipe_file(const std::filesystem::path& path);

}  // namespace canary::localci
