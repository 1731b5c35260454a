#include "commands.hpp"
#include "suite_options.hpp"
#include "suite_selection.hpp"

#include <canary/exit_codes.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

namespace canary::cli {
namespace {

struct ListOptions {
  std::vector<std::string> paths;
  std::string label;
  bool json = false;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> all_labels(const CanarySpec& spec) {
  std::vector<std::string> labels = {"canary"};
  for (const auto& l : spec.labels) {
    if (l != "canary") labels.push_back(l);
  }
  return labels;
}

// "300", or "1.5" for a timeout given in milliseconds.
std::string timeout_seconds(const CanarySpec& spec) {
  const auto ms = spec.timeout.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) : fmt::format("{:g}", static_cast<double>(ms) / 1000);
}

void print_table(const std::vector<const CanarySpec*>& specs) {
  std::size_t id_width = 6;
  std::size_t expect_width = 6;
  std::size_t label_width = 6;
  for (const CanarySpec* s : specs) {
    id_width = std::max(id_width, s->id.size());
    expect_width = std::max(expect_width, expectation_summary(*s).size());
    label_width = std::max(label_width, join(all_labels(*s)).size());
  }
  std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:>7}  {}\n", "CANARY", id_width, "EXPECT",
                           expect_width, "LABELS", label_width, "TIMEOUT", "RECIPE@SHA");
  for (const CanarySpec* s : specs) {
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:>6}s  {}@{}\n", s->id, id_width,
                             expectation_summary(*s), expect_width, join(all_labels(*s)),
                             label_width, timeout_seconds(*s), s->recipe, s->sha.substr(0, 12));
  }
}

void print_json(const std::vector<const CanarySpec*>& specs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const CanarySpec* s : specs) {
    nlohmann::ordered_json item;
    item["canary"] = s->id;
    item["path"] = s->path;
    item["recipe"] = s->recipe;
    item["ref"] = s->ref;
    item["sha"] = s->sha;
    item["labels"] = all_labels(*s);
    if (s->timeout.count() % 1000 == 0) {
      item["timeout_s"] = s->timeout.count() / 1000;
    } else {
      item["timeout_s"] = static_cast<double>(s->timeout.count()) / 1000;
    }
    item["harness"] = s->harness;
    item["expect"] = expectation_summary(*s);
    item["xfail"] = s->xfail ? nlohmann::ordered_json(s->xfail->bug) : nlohmann::ordered_json();
    out.push_back(std::move(item));
  }
  std::cout << out.dump(2) << "\n";
}

int run_list(const ListOptions& options) {
  const Suite suite = load_and_report(default_workspace(), options.paths);
  const auto specs = select(suite, options.label);
  if (options.json) {
    print_json(specs);
  } else if (!specs.empty()) {
    print_table(specs);
  }
  return suite_exit_code(
      !suite.ok(), specs.size(),
      "canary list: no canary selected" +
          (options.label.empty() ? "" : " with label '" + options.label + "'"),
      ExitCode::ok);
}

}  // namespace

Action add_list(CLI::App& app) {
  auto options = std::make_shared<ListOptions>();
  add_paths_option(app, options->paths);
  app.add_option("-l,--label", options->label, "Only canaries with this label (e.g. canary_fast)");
  app.add_flag("--json", options->json, "Print a JSON array instead of a table");
  app.footer("Exit codes: 0 listed, 2 a spec has errors, 4 nothing selected.");
  return [options] { return run_list(*options); };
}

}  // namespace canary::cli
