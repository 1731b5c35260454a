#include "deployment.hpp"

#include "files.hpp"
#include "git_checkout.hpp"
#include "interrupt.hpp"
#include "nginx_service.hpp"
#include "placeholders.hpp"
#include "ports.hpp"
#include "postgres_service.hpp"
#include "recipe_checks.hpp"
#include "recipe_loader.hpp"

#include <algorithm>
#include <vector>

namespace canary::localci {
namespace fs = std::filesystem;
namespace {

constexpr int kStartAttempts = 3;
constexpr std::string_view kPortInUse = "port in use: ";

// The process of `name` in `slot`, as a T: one of the other kind (the service changed kind in a
// redeploy) is moved to `retired`, still traced, and a new one made in its place.
template <class T>
T& service_process(std::unique_ptr<ServiceProcess>& slot,
                   std::vector<std::unique_ptr<ServiceProcess>>& retired, const std::string& name,
                   const RunPaths& paths) {
  if (slot && dynamic_cast<T*>(slot.get()) == nullptr) retired.push_back(std::move(slot));
  if (!slot) slot = std::make_unique<T>(name, paths.services() / name, paths.service_logs());
  return static_cast<T&>(*slot);
}

// `query` as the superuser of the postgres `service` (in its "postgres" database); an error when
// the service is not running.
SqlResult admin_sql(Deployment& deployment, const Service& service, const std::string& query) {
  SqlResult result;
  const auto admin = deployment.connection(service.name, &result.error, "postgres");
  return admin ? run_sql(*admin, query) : result;
}

// "" when the service started, else why not (with kPortInUse first when start_service retries).
std::string start_error(const StartResult& started) {
  return started.port_in_use ? std::string(kPortInUse) + started.error : started.error;
}

}  // namespace

Deployment::Deployment(RunContext& context) : context_(context) {}

// Normally the teardown has stopped everything; this only guards an early exit, and logs nothing
// because the tier log may already be gone.
Deployment::~Deployment() {
  for (auto it = started_.rbegin(); it != started_.rend(); ++it)
    if (auto found = services_.find(*it); found != services_.end()) found->second->stop();
}

void Deployment::stop_services() {
  while (!started_.empty()) stop_service(started_.back());
}

std::string Deployment::leak_first_service() {
  if (started_.empty()) return "";
  const std::string name = started_.front();
  if (auto found = services_.find(name); found != services_.end()) {
    // The fault: the handle is never destroyed, so nothing stops the process and it outlives
    // the harness. It is parked where the program can still reach it (a deliberate keep, not
    // a memory leak that LeakSanitizer would rightly fail the harness for).
    static auto* const kept = new std::vector<std::unique_ptr<ServiceProcess>>();
    kept->push_back(std::move(found->second));
    services_.erase(found);
  }
  started_.erase(started_.begin());
  stop_services();
  return name;
}

void Deployment::stop_service(const std::string& name) {
  if (auto found = services_.find(name); found != services_.end()) {
    context_.log->note("stopping service " + name);
    found->second->stop();
  }
  started_.erase(std::remove(started_.begin(), started_.end(), name), started_.end());
  signatures_.erase(name);
}

std::optional<std::string> Deployment::signature(const Service& service, const fs::path& checkout,
                                                 std::string* error) {
  if (service.kind == Service::Kind::postgres) return "postgres " + service.password;
  const auto text = read_file(checkout / service.config);
  if (!text) {
    *error = "cannot read " + service.config;
    return std::nullopt;
  }
  const int port = port_for(service.name);
  auto block = render(*text, error, {{"port", std::to_string(port)}});
  if (!block) *error = service.config + ": " + *error;
  return block ? std::optional<std::string>("nginx " + *block) : std::nullopt;
}

std::string Deployment::deploy(const std::string& wanted_commit) {
  const GitRepo repo{context_.repo, context_.log->path(), context_.paths.tmp()};
  std::string commit = wanted_commit;
  // Fault deploy-branch-head: the pinned SHA is dropped and the branch head deployed instead.
  if (commit == context_.sha && context_.has_fault("deploy-branch-head")) {
    std::string error;
    const auto head = resolve_commit(repo, "main", &error);
    if (!head) return "fault deploy-branch-head: " + error;
    context_.log->note("fault deploy-branch-head: deploying main (" + *head + ")");
    commit = *head;
  }
  context_.log->note("checking out " + commit);
  const fs::path next = context_.paths.run / "src.next";
  if (auto error = checkout(repo, commit, next); !error.empty()) return error;

  auto loaded = load_recipe_file(next / kRecipeFile);
  recipe_errors_.clear();
  for (const auto& diagnostic : loaded.diagnostics) {
    recipe_errors_.push_back(format(kRecipeFile, diagnostic));
    context_.log->note(recipe_errors_.back());
  }
  // A release that cannot be deployed leaves the running one alone, as a real server would.
  if (!loaded.ok()) {
    remove_tree(next);
    return "recipe.yaml at " + commit.substr(0, 12) + " is invalid: " + recipe_errors_.front();
  }
  if (loaded.recipe->name != context_.recipe) {
    remove_tree(next);
    return "recipe.yaml names recipe '" + loaded.recipe->name + "', not '" + context_.recipe + "'";
  }
  recipe_ = std::move(loaded.recipe);
  context_.log->note("deploying " + recipe_->name + " " + recipe_->version);

  // PostgreSQL keeps running through a redeploy when its definition did not change; nginx
  // always restarts, since files its config includes may have changed with the release.
  std::map<std::string, std::string> wanted;
  for (const auto& service : recipe_->services) {
    std::string error;
    const auto text = signature(service, next, &error);
    if (!text) return "service " + service.name + ": " + error;
    wanted[service.name] = *text;
  }
  for (auto it = started_.rbegin(); it != started_.rend();) {
    const std::string name = *it++;
    const auto want = wanted.find(name);
    if (want == wanted.end() || want->second != signatures_[name] ||
        want->second.rfind("nginx", 0) == 0)
      stop_service(name);
  }
  if (auto error = remove_tree(context_.paths.src()); !error.empty()) return error;
  std::error_code ec;
  fs::rename(next, context_.paths.src(), ec);
  if (ec) return "cannot move the checkout into place: " + ec.message();

  if (auto error = create_volumes(); !error.empty()) return error;
  for (const auto& service : recipe_->services) {
    if (std::find(started_.begin(), started_.end(), service.name) != started_.end()) {
      context_.log->note("service " + service.name + " unchanged, kept running");
    } else if (auto error = start_service(service); !error.empty()) {
      return error;
    }
    if (service.kind == Service::Kind::postgres) {
      if (auto error = ensure_database(service); !error.empty())
        return "service " + service.name + ": " + error;
    }
    if (interrupted()) return "stopped by a signal to the harness";
  }
  return run_steps(recipe_->deploy);
}

std::string Deployment::reset() {
  if (recipe_) {
    for (const auto& service : recipe_->services) {
      if (service.kind == Service::Kind::postgres &&
          std::find(started_.begin(), started_.end(), service.name) != started_.end()) {
        const auto dropped = admin_sql(
            *this, service, "DROP DATABASE IF EXISTS " + service.database + " WITH (FORCE)");
        if (!dropped.ok()) return dropped.error;
      } else {
        stop_service(service.name);
      }
    }
  }
  recipe_.reset();
  for (const auto& dir : {context_.paths.src(), context_.paths.state()})
    if (auto error = remove_tree(dir); !error.empty()) return error;
  context_.log->note(
      "reset: databases dropped, web services stopped, checkout and volumes removed");
  return "";
}

std::string Deployment::create_volumes() {
  for (const auto& volume : recipe_->volumes) {
    const auto dir = context_.paths.state() / volume.name;
    std::error_code ec;
    if (fs::exists(dir, ec)) continue;
    context_.log->note("creating volume " + volume.name +
                       (volume.init.empty() ? "" : " from " + volume.init));
    const auto error = volume.init.empty()
                           ? make_dirs(dir)
                           : copy_tree(context_.paths.src() / volume.init, dir, true);
    if (!error.empty()) return error;
  }
  return "";
}

int Deployment::port_for(const std::string& service) {
  if (auto it = ports_.find(service); it != ports_.end()) return it->second;
  std::string error;
  const int port = free_loopback_port(&error).value_or(0);
  if (port != 0) ports_[service] = port;
  return port;
}

std::string Deployment::start_service(const Service& service) {
  for (int attempt = 1;; ++attempt) {
    const auto error =
        service.kind == Service::Kind::nginx ? start_nginx(service) : start_postgres(service);
    if (error.empty()) {
      started_.push_back(service.name);
      context_.log->note("service " + service.name +
                         " ready on 127.0.0.1:" + std::to_string(ports_[service.name]));
      return "";
    }
    const bool port_taken = error.rfind(kPortInUse, 0) == 0;
    if (!port_taken || attempt == kStartAttempts) return "service " + service.name + ": " + error;
    context_.log->note("service " + service.name +
                       ": its port was taken meanwhile, trying another");
    ports_.erase(service.name);
  }
}

std::string Deployment::start_nginx(const Service& service) {
  auto& nginx = service_process<NginxService>(services_[service.name], retired_, service.name,
                                              context_.paths);
  if (port_for(service.name) == 0) return "no free port on 127.0.0.1";
  std::string error;
  const auto text = signature(service, context_.paths.src(), &error);
  if (!text) return error;
  const auto started = nginx.start(text->substr(6), ports_[service.name]);
  if (started.error.empty()) signatures_[service.name] = *text;
  return start_error(started);
}

std::string Deployment::start_postgres(const Service& service) {
  auto& postgres = service_process<PostgresService>(services_[service.name], retired_, service.name,
                                                    context_.paths);
  const auto& password = context_.secrets.get(service.password);
  if (auto error = postgres.ensure_cluster(password, context_.log->path()); !error.empty())
    return error;
  const int port = port_for(service.name);
  if (port == 0) return "no free port on 127.0.0.1";
  const auto started = postgres.start(port);
  if (!started.error.empty()) return start_error(started);
  std::string error;
  signatures_[service.name] = *signature(service, context_.paths.src(), &error);
  return "";
}

std::string Deployment::ensure_database(const Service& service) {
  const auto exists = admin_sql(
      *this, service, "SELECT 1 FROM pg_database WHERE datname = '" + service.database + "'");
  if (!exists.ok()) return exists.error;
  if (exists.output == "1") return "";
  context_.log->note("creating database " + service.database);
  return admin_sql(*this, service, "CREATE DATABASE " + service.database).error;
}

std::optional<std::string> Deployment::render(
    std::string_view text, std::string* error,
    const std::map<std::string, std::string, std::less<>>& extra) {
  if (!recipe_) {
    *error = "no recipe is deployed";
    return std::nullopt;
  }
  const Lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (auto it = extra.find(name); it != extra.end()) return it->second;
    if (placeholder_problem(*recipe_, name)) return std::nullopt;
    const std::string key(name);
    if (key == "src") return context_.paths.src().string();
    if (key == "state") return context_.paths.state().string();
    if (key.rfind("volume.", 0) == 0) return (context_.paths.state() / key.substr(7)).string();
    if (key.rfind("secret.", 0) == 0) return context_.secrets.get(key.substr(7));
    if (key.rfind("service.", 0) == 0) {
      const auto port = port_for(key.substr(8, key.size() - 8 - 5));
      return port == 0 ? std::nullopt : std::optional<std::string>(std::to_string(port));
    }
    return std::nullopt;
  };
  return localci::render(text, lookup, error);
}

std::optional<int> Deployment::port_of(const std::string& service) {
  if (auto it = ports_.find(service); it != ports_.end()) return it->second;
  return std::nullopt;
}

std::optional<PgConnection> Deployment::connection(const std::string& service, std::string* error,
                                                   const std::string& database) {
  const Service* declared = recipe_ ? recipe_->find_service(service) : nullptr;
  const auto port = port_of(service);
  if (declared == nullptr || declared->kind != Service::Kind::postgres || !port) {
    *error = "no postgres service '" + service + "' is running";
    return std::nullopt;
  }
  return PgConnection{*port, context_.secrets.get(declared->password),
                      database.empty() ? declared->database : database,
                      context_.log->path(), context_.paths.tmp()};
}

fs::path Deployment::state_path(const std::string& relative) const {
  return context_.paths.state() / relative;
}

std::string Deployment::run_steps(const std::vector<Step>& steps) {
  for (const auto& step : steps) {
    if (auto error = run_step(step); !error.empty()) return error;
    if (interrupted()) return "stopped by a signal to the harness";
  }
  return "";
}

std::string Deployment::run_step(const Step& step) {
  if (step.kind == Step::Kind::copy) {
    context_.log->note("step copy " + step.from + " -> " + step.to +
                       (step.overwrite ? " (overwrite)" : ""));
    return copy_tree(context_.paths.src() / step.from, state_path(step.to), step.overwrite);
  }
  std::string error;
  auto target = connection(step.service, &error);
  if (!target) return error;
  if (!step.file.empty()) {
    context_.log->note("step sql " + step.service + " file " + step.file);
    const auto result = run_sql_file(*target, context_.paths.src() / step.file);
    return result.ok() ? "" : step.file + ": " + result.error;
  }
  context_.log->note("step sql " + step.service + ": " + step.query);
  const auto query = render(step.query, &error);
  if (!query) return error;
  return run_sql(*target, *query).error;
}

std::vector<ServiceTrace> Deployment::traces() const {
  std::vector<ServiceTrace> list;
  auto add = [&](const ServiceProcess& service) {
    const auto port = ports_.find(service.name());
    list.push_back({service.name(), service.groups(), port == ports_.end() ? 0 : port->second});
  };
  for (const auto& [name, service] : services_)
    if (service) add(*service);
  for (const auto& service : retired_) add(*service);
  return list;
}

}  // namespace canary::localci
