#include "recipe_checks.hpp"

#include "files.hpp"
#include "placeholders.hpp"

#include <regex>
#include <set>

namespace canary::localci {
namespace {

bool matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

std::string first_component(const std::string& path) { return path.substr(0, path.find('/')); }

class Checker {
 public:
  Checker(const Recipe& recipe, Diagnostics& diagnostics)
      : recipe_(recipe), diagnostics_(diagnostics) {}

  void text(const std::string& value, Mark mark, const std::string& what,
            std::initializer_list<std::string_view> also_allowed = {}) {
    for (const auto& name : placeholder_names(value))
      if (auto problem = placeholder_problem(recipe_, name, also_allowed))
        diagnostics_.error(mark, what + ": " + *problem);
  }

  void state_path(const std::string& path, Mark mark, const std::string& what) {
    if (!is_safe_relative(path)) {
      diagnostics_.error(mark, what + " '" + path + "' must be a relative path without '..'");
    } else if (!recipe_.has_volume(first_component(path))) {
      diagnostics_.error(mark, what + " '" + path + "' must start with a declared volume");
    }
  }

  void service(const std::string& name, Service::Kind kind, Mark mark, const std::string& what) {
    const Service* service = recipe_.find_service(name);
    const char* wanted = kind == Service::Kind::nginx ? "nginx" : "postgres";
    if (service == nullptr)
      diagnostics_.error(mark,
                         what + " names service '" + name + "', which the recipe does not declare");
    else if (service->kind != kind)
      diagnostics_.error(mark, what + " needs a " + std::string(wanted) + " service, and '" + name +
                                   "' is not one");
  }

  void probe(const Probe& probe, const std::string& what, bool is_marker_write = false) {
    switch (probe.kind) {
      case Probe::Kind::http:
        service(probe.service, Service::Kind::nginx, probe.mark, what);
        if (probe.path.empty() || probe.path.front() != '/')
          diagnostics_.error(probe.mark, what + ": path '" + probe.path + "' must start with '/'");
        text(probe.path, probe.mark, what);
        for (const auto& [name, value] : probe.send_headers) text(value, probe.mark, what);
        if (probe.status && (*probe.status < 100 || *probe.status > 599))
          diagnostics_.error(probe.mark, what + ": status " + std::to_string(*probe.status) +
                                             " is not an HTTP status");
        if (probe.body) text(*probe.body, probe.mark, what);
        if (probe.body_contains) text(*probe.body_contains, probe.mark, what);
        break;
      case Probe::Kind::sql:
        service(probe.service, Service::Kind::postgres, probe.mark, what);
        if (is_marker_write) {
          text(probe.query, probe.mark, what, {"value"});
          if (probe.query.find("{value}") == std::string::npos)
            diagnostics_.error(probe.mark, what + ": the query must use {value}, the marker");
        } else {
          text(probe.query, probe.mark, what);
        }
        if (probe.equals) text(*probe.equals, probe.mark, what);
        break;
      case Probe::Kind::file:
        state_path(probe.path, probe.mark, what + " file");
        break;
    }
  }

  void step(const Step& step, const std::string& what) {
    if (step.kind == Step::Kind::copy) {
      if (!is_safe_relative(step.from))
        diagnostics_.error(step.mark, what + ": 'from' must be a relative path without '..'");
      state_path(step.to, step.mark, what + ": 'to'");
    } else {
      service(step.service, Service::Kind::postgres, step.mark, what);
      text(step.query, step.mark, what);
      if (!step.file.empty() && !is_safe_relative(step.file))
        diagnostics_.error(step.mark, what + ": 'file' must be a relative path without '..'");
    }
  }

  void names() {
    if (!recipe_.name.empty() && !matches(recipe_.name, "[a-z0-9][a-z0-9-]*"))
      diagnostics_.error(recipe_.name_mark,
                         "recipe name '" + recipe_.name + "' must match [a-z0-9][a-z0-9-]*");
    std::set<std::string> seen;
    for (const auto& secret : recipe_.secrets) {
      if (!matches(secret, "[a-z][a-z0-9_]*"))
        diagnostics_.error(recipe_.secrets_mark,
                           "secret name '" + secret + "' must match [a-z][a-z0-9_]*");
      if (!seen.insert(secret).second)
        diagnostics_.error(recipe_.secrets_mark, "secret '" + secret + "' is declared twice");
    }
    for (const auto& volume : recipe_.volumes) {
      if (!matches(volume.name, "[a-z][a-z0-9_]*"))
        diagnostics_.error(volume.mark,
                           "volume name '" + volume.name + "' must match [a-z][a-z0-9_]*");
      if (!volume.init.empty() && !is_safe_relative(volume.init))
        diagnostics_.error(volume.mark, "volume '" + volume.name +
                                            "': 'init' must be a relative path without '..'");
    }
    for (const auto& service : recipe_.services) {
      if (!matches(service.name, "[a-z][a-z0-9_]*"))
        diagnostics_.error(service.mark,
                           "service name '" + service.name + "' must match [a-z][a-z0-9_]*");
      if (service.kind == Service::Kind::nginx && !service.config.empty() &&
          !is_safe_relative(service.config))
        diagnostics_.error(service.mark, "service '" + service.name +
                                             "': 'config' must be a relative path without '..'");
      if (service.kind == Service::Kind::postgres) {
        if (!service.database.empty() && !matches(service.database, "[a-z_][a-z0-9_]*"))
          diagnostics_.error(service.mark, "service '" + service.name + "': database name '" +
                                               service.database + "' must match [a-z_][a-z0-9_]*");
        if (!service.password.empty() && !recipe_.has_secret(service.password))
          diagnostics_.error(service.mark, "service '" + service.name + "': password '" +
                                               service.password + "' is not a declared secret");
      }
    }
  }

  void run() {
    names();
    int index = 0;
    for (const auto& step : recipe_.deploy)
      this->step(step, "deploy step " + std::to_string(++index));
    index = 0;
    for (const auto& check : recipe_.healthy)
      probe(check, "healthy check " + std::to_string(++index));
    if (recipe_.version_probe) probe(*recipe_.version_probe, "version_probe");
    if (recipe_.marker) {
      probe(recipe_.marker->write, "marker write", true);
      probe(recipe_.marker->read, "marker read");
    }
    if (recipe_.backup) {
      if (!recipe_.marker)
        diagnostics_.error(
            recipe_.backup->mark,
            "'backup' needs a 'marker': the backup and restore tiers prove state with it");
      for (const auto& path : recipe_.backup->paths)
        state_path(path, recipe_.backup->mark, "backup path");
      for (const auto& name : recipe_.backup->databases)
        service(name, Service::Kind::postgres, recipe_.backup->mark,
                "backup database '" + name + "'");
      index = 0;
      for (const auto& step : recipe_.backup->after_restore)
        this->step(step, "after_restore step " + std::to_string(++index));
    }
    std::set<std::string> tests;
    for (const auto& test : recipe_.tests) {
      if (!matches(test.name, "test_[a-z0-9_]+"))
        diagnostics_.error(test.mark, "test name '" + test.name + "' must match test_[a-z0-9_]+");
      if (!tests.insert(test.name).second)
        diagnostics_.error(test.mark, "test '" + test.name + "' is declared twice");
      index = 0;
      for (const auto& check : test.checks)
        probe(check, "test '" + test.name + "' check " + std::to_string(++index));
    }
  }

 private:
  const Recipe& recipe_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<std::string> placeholder_problem(
    const Recipe& recipe, std::string_view name,
    std::initializer_list<std::string_view> also_allowed) {
  for (const auto& allowed : also_allowed)
    if (name == allowed) return std::nullopt;
  if (name == "src" || name == "state") return std::nullopt;
  const std::string text(name);
  const auto dot = text.find('.');
  const std::string family = text.substr(0, dot);
  const std::string rest = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (family == "volume" && recipe.has_volume(rest)) return std::nullopt;
  if (family == "secret" && recipe.has_secret(rest)) return std::nullopt;
  if (family == "service" && rest.size() > 5 && rest.substr(rest.size() - 5) == ".port" &&
      recipe.find_service(rest.substr(0, rest.size() - 5)) != nullptr)
    return std::nullopt;
  return "unknown placeholder {" + text + "}";
}

void check_recipe(const Recipe& recipe, Diagnostics& diagnostics) {
  Checker(recipe, diagnostics).run();
}

void check_recipe_files(const Recipe& recipe, const std::filesystem::path& root,
                        Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto need = [&](const std::string& path, bool directory, Mark mark, const std::string& what) {
    if (path.empty() || !is_safe_relative(path)) return;
    const fs::path full = root / path;
    const bool found = directory ? fs::is_directory(full, ec) : fs::exists(full, ec);
    if (!found) diagnostics.error(mark, what + " '" + path + "' does not exist in the recipe");
  };
  for (const auto& service : recipe.services)
    if (service.kind == Service::Kind::nginx)
      need(service.config, false, service.mark, "nginx config");
  for (const auto& volume : recipe.volumes)
    need(volume.init, true, volume.mark, "volume init directory");
  auto steps = recipe.deploy;
  if (recipe.backup)
    steps.insert(steps.end(), recipe.backup->after_restore.begin(),
                 recipe.backup->after_restore.end());
  for (const auto& step : steps) {
    if (step.kind == Step::Kind::copy) need(step.from, false, step.mark, "copy source");
    if (step.kind == Step::Kind::sql) need(step.file, false, step.mark, "sql file");
  }
}

}  // namespace canary::localci
