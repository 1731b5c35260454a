#include "suite_options.hpp"

namespace canary::cli {

void add_paths_option(CLI::App& app, std::vector<std::string>& paths) {
  app.add_option("paths", paths, "Canary files or directories (default: canaries/)");
}

void add_canaries_option(CLI::App& app, std::vector<std::string>& paths,
                         const std::string& description) {
  app.add_option("--canaries", paths, description)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

}  // namespace canary::cli
