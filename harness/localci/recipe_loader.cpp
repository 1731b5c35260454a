#include "recipe_loader.hpp"

#include "files.hpp"
#include "recipe_checks.hpp"

#include <type_traits>

namespace canary::localci {
namespace {

enum class ProbeUse { check, read, write };

std::string use_name(ProbeUse use) {
  switch (use) {
    case ProbeUse::check:
      return "a check";
    case ProbeUse::read:
      return "a read";
    case ProbeUse::write:
      return "a write";
  }
  return "a probe";
}

std::optional<Probe> parse_probe(const YAML::Node& node, ProbeUse use, const std::string& what,
                                 Diagnostics& diagnostics) {
  const bool allow_http = use != ProbeUse::write;
  const bool allow_file = use != ProbeUse::check;
  std::vector<std::string_view> kinds = {"sql"};
  if (allow_http) kinds.insert(kinds.begin(), "http");
  if (allow_file) kinds.push_back("file");
  MapReader outer(node, what, kinds, diagnostics);
  if (!outer.is_map()) return std::nullopt;
  if (outer.node().size() != 1) {
    diagnostics.error(
        node, what + " must have exactly one of: http, sql, file as " + use_name(use) + " allows");
    return std::nullopt;
  }
  Probe probe;
  probe.mark = mark_of(node);
  if (allow_file && outer.has("file")) {
    probe.kind = Probe::Kind::file;
    probe.path = outer.string("file", true).value_or("");
    return probe;
  }
  if (allow_http && outer.has("http")) {
    std::vector<std::string_view> keys = {"service", "path", "send_headers"};
    if (use == ProbeUse::check)
      keys.insert(keys.end(), {"status", "headers", "body", "body_contains"});
    MapReader http(outer.get("http"), what + " (http)", keys, diagnostics);
    probe.kind = Probe::Kind::http;
    probe.service = http.string("service", true).value_or("");
    probe.path = http.string("path", true).value_or("");
    probe.send_headers = http.string_map("send_headers");
    probe.status = http.integer("status");
    probe.headers = http.string_map("headers");
    probe.body = http.string("body");
    probe.body_contains = http.string("body_contains");
    return probe;
  }
  if (outer.has("sql")) {
    std::vector<std::string_view> keys = {"service", "query"};
    if (use == ProbeUse::check) keys.push_back("equals");
    MapReader sql(outer.get("sql"), what + " (sql)", keys, diagnostics);
    probe.kind = Probe::Kind::sql;
    probe.service = sql.string("service", true).value_or("");
    probe.query = sql.string("query", true).value_or("");
    probe.equals = sql.string("equals", use == ProbeUse::check);
    return probe;
  }
  return std::nullopt;
}

// The items of the list `node` that parse(item, its 1-based index) reads (it returns a
// std::optional); when `node` is not a list, reports `not_a_list` instead.
template <class Parse>
auto parse_list(const YAML::Node& node, const std::string& not_a_list, Diagnostics& diagnostics,
                Parse parse) {
  std::vector<typename std::invoke_result_t<Parse, const YAML::Node&, int>::value_type> items;
  if (!node.IsSequence()) {
    diagnostics.error(node, not_a_list);
    return items;
  }
  int index = 0;
  for (const auto& item : node)
    if (auto parsed = parse(item, ++index)) items.push_back(std::move(*parsed));
  return items;
}

std::vector<Probe> parse_checks(const YAML::Node& node, const std::string& what,
                                Diagnostics& diagnostics) {
  return parse_list(node, what + " must be a list of checks", diagnostics,
                    [&](const YAML::Node& item, int index) {
                      return parse_probe(item, ProbeUse::check,
                                         what + " item " + std::to_string(index), diagnostics);
                    });
}

// One step of a list; `what` names it ("deploy step 2").
std::optional<Step> parse_step(const YAML::Node& item, const std::string& what,
                               Diagnostics& diagnostics) {
  MapReader outer(item, what, {"copy", "sql"}, diagnostics);
  if (!outer.is_map()) return std::nullopt;
  if (outer.node().size() != 1) {
    diagnostics.error(item, what + " must be exactly one of: copy, sql");
    return std::nullopt;
  }
  Step step;
  step.mark = mark_of(item);
  if (outer.has("copy")) {
    MapReader copy(outer.get("copy"), what + " (copy)", {"from", "to", "overwrite"}, diagnostics);
    step.kind = Step::Kind::copy;
    step.from = copy.string("from", true).value_or("");
    step.to = copy.string("to", true).value_or("");
    step.overwrite = copy.boolean("overwrite").value_or(false);
  } else if (outer.has("sql")) {
    MapReader sql(outer.get("sql"), what + " (sql)", {"service", "query", "file"}, diagnostics);
    step.kind = Step::Kind::sql;
    step.service = sql.string("service", true).value_or("");
    step.query = sql.string("query").value_or("");
    step.file = sql.string("file").value_or("");
    if (step.query.empty() == step.file.empty())
      diagnostics.error(item, what + " needs exactly one of 'query' and 'file'");
  } else {
    return std::nullopt;
  }
  return step;
}

std::vector<Step> parse_steps(const YAML::Node& node, const std::string& what,
                              Diagnostics& diagnostics) {
  return parse_list(node, what + " must be a list of steps", diagnostics,
                    [&](const YAML::Node& item, int index) {
                      return parse_step(item, what + " step " + std::to_string(index), diagnostics);
                    });
}

void parse_services(const YAML::Node& node, Recipe& recipe, Diagnostics& diagnostics) {
  if (!node.IsMap() || node.size() == 0) {
    diagnostics.error(node, "'services' must be a non-empty mapping of service names");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    Service service;
    service.name = it->first.Scalar();
    service.mark = mark_of(it->first);
    const std::string what = "service '" + service.name + "'";
    MapReader map(it->second, what, {"kind", "config", "database", "password"}, diagnostics);
    if (!map.is_map()) continue;
    const auto kind = map.string("kind", true);
    if (kind == "nginx") {
      service.kind = Service::Kind::nginx;
      service.config = map.string("config", true).value_or("");
      for (const char* key : {"database", "password"})
        if (map.has(key))
          diagnostics.error(map.get(key), "'" + std::string(key) + "' is for postgres services");
    } else if (kind == "postgres") {
      service.kind = Service::Kind::postgres;
      service.database = map.string("database", true).value_or("");
      service.password = map.string("password", true).value_or("");
      if (map.has("config")) diagnostics.error(map.get("config"), "'config' is for nginx services");
    } else if (kind) {
      diagnostics.error(map.get("kind"),
                        "unknown service kind '" + *kind + "' (expected nginx or postgres)");
      continue;
    } else {
      continue;
    }
    recipe.services.push_back(service);
  }
}

void parse_volumes(const YAML::Node& node, Recipe& recipe, Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.error(node, "'volumes' must be a mapping of volume names");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    Volume volume;
    volume.name = it->first.Scalar();
    volume.mark = mark_of(it->first);
    if (!it->second.IsNull()) {
      MapReader map(it->second, "volume '" + volume.name + "'", {"init"}, diagnostics);
      volume.init = map.string("init").value_or("");
    }
    recipe.volumes.push_back(volume);
  }
}

void parse_backup(const YAML::Node& node, Recipe& recipe, Diagnostics& diagnostics) {
  MapReader map(node, "'backup'", {"paths", "databases", "after_restore"}, diagnostics);
  if (!map.is_map()) return;
  Backup backup;
  backup.mark = mark_of(node);
  backup.paths = map.string_list("paths");
  backup.databases = map.string_list("databases");
  if (map.has("after_restore"))
    backup.after_restore = parse_steps(map.get("after_restore"), "after_restore", diagnostics);
  if (backup.paths.empty() && backup.databases.empty())
    diagnostics.error(node, "'backup' needs at least one entry in 'paths' or 'databases'");
  recipe.backup = backup;
}

std::optional<CustomTest> parse_test(const YAML::Node& item, Diagnostics& diagnostics) {
  MapReader map(item, "a test", {"name", "checks"}, diagnostics);
  if (!map.is_map()) return std::nullopt;
  CustomTest test;
  test.mark = mark_of(item);
  test.name = map.string("name", true).value_or("");
  const std::string what = "test '" + test.name + "'";
  if (!map.has("checks")) {
    diagnostics.error(item, what + " needs 'checks'");
    return std::nullopt;
  }
  test.checks = parse_checks(map.get("checks"), what, diagnostics);
  if (test.checks.empty()) diagnostics.error(map.get("checks"), what + " needs at least one check");
  return test;
}

void parse_recipe(const YAML::Node& root, Recipe& recipe, Diagnostics& diagnostics) {
  MapReader top(root, "the recipe",
                {"recipe", "version", "upgrade_from", "secrets", "volumes", "services", "deploy",
                 "healthy", "version_probe", "marker", "backup", "tests"},
                diagnostics);
  if (!top.is_map()) return;
  recipe.name = top.string("recipe", true).value_or("");
  recipe.name_mark = mark_of(top.get("recipe"));
  recipe.secrets_mark = mark_of(top.get("secrets"));
  recipe.version = top.string("version", true).value_or("");
  if (top.has("upgrade_from")) recipe.upgrade_from = top.string("upgrade_from", true).value_or("");
  recipe.secrets = top.string_list("secrets");
  if (top.has("volumes")) parse_volumes(top.get("volumes"), recipe, diagnostics);
  if (top.has("services"))
    parse_services(top.get("services"), recipe, diagnostics);
  else
    diagnostics.error(root, "the recipe needs 'services'");
  if (top.has("deploy")) recipe.deploy = parse_steps(top.get("deploy"), "deploy", diagnostics);
  if (top.has("healthy")) {
    recipe.healthy = parse_checks(top.get("healthy"), "healthy", diagnostics);
    if (recipe.healthy.empty())
      diagnostics.error(top.get("healthy"), "'healthy' needs at least one check");
  } else {
    diagnostics.error(root, "the recipe needs 'healthy' (the checks of test_serving)");
  }
  if (top.has("version_probe"))
    recipe.version_probe =
        parse_probe(top.get("version_probe"), ProbeUse::read, "version_probe", diagnostics);
  if (top.has("marker")) {
    MapReader marker(top.get("marker"), "'marker'", {"write", "read"}, diagnostics);
    if (marker.is_map()) {
      auto write = marker.has("write") ? parse_probe(marker.get("write"), ProbeUse::write,
                                                     "marker write", diagnostics)
                                       : std::nullopt;
      auto read = marker.has("read")
                      ? parse_probe(marker.get("read"), ProbeUse::read, "marker read", diagnostics)
                      : std::nullopt;
      if (!marker.has("write") || !marker.has("read"))
        diagnostics.error(top.get("marker"), "'marker' needs both 'write' and 'read'");
      if (write && read) recipe.marker = Marker{*write, *read};
    }
  }
  if (top.has("backup")) parse_backup(top.get("backup"), recipe, diagnostics);
  if (top.has("tests")) {
    recipe.tests =
        parse_list(top.get("tests"), "'tests' must be a list", diagnostics,
                   [&](const YAML::Node& item, int) { return parse_test(item, diagnostics); });
  }
}

}  // namespace

RecipeFile load_recipe(std::string_view text, const std::filesystem::path& root) {
  RecipeFile file;
  Diagnostics diagnostics;
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& error) {
    diagnostics.error(Mark{error.mark.line + 1, error.mark.column + 1}, error.msg);
    file.diagnostics = diagnostics.list();
    return file;
  }
  Recipe recipe;
  parse_recipe(document, recipe, diagnostics);
  check_recipe(recipe, diagnostics);
  if (!root.empty()) check_recipe_files(recipe, root, diagnostics);
  file.diagnostics = diagnostics.list();
  if (file.diagnostics.empty()) file.recipe = std::move(recipe);
  return file;
}

RecipeFile load_recipe_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto file = std::filesystem::is_directory(path, ec) ? path / kRecipeFile : path;
  const auto text = read_file(file);
  if (!text) {
    RecipeFile result;
    result.diagnostics.push_back({{}, "cannot read " + file.string()});
    return result;
  }
  return load_recipe(*text, file.parent_path().empty() ? "." : file.parent_path());
}

}  // namespace canary::localci
