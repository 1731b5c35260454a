#pragma once
// One deployment of a recipe on 127.0.0.1: its checkout, volumes, services and ports.

#include "postgres_client.hpp"
#include "recipe.hpp"
#include "run_context.hpp"
#include "service.hpp"
#include "yaml_reader.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace canary::localci {

// A service as the teardown sees it: every process group it had and the port it listened on.
struct ServiceTrace {
  std::string name;
  std::vector<int> groups;
  int port = 0;
};

class Deployment {
 public:
  explicit Deployment(RunContext& context);
  ~Deployment();
  Deployment(const Deployment&) = delete;
  Deployment& operator=(const Deployment&) = delete;

  // Deploys `commit` in place: its checkout replaces the running one, missing volumes are
  // created, services whose definition changed restart, the deploy steps run. Volumes and
  // databases stay, like a redeploy on a real server. A release whose recipe is invalid
  // leaves the running one alone. "" or an error.
  std::string deploy(const std::string& commit);
  // Back to an empty server: databases dropped, web services stopped, checkout and volumes
  // gone. The database engine keeps running (one initdb per run).
  std::string reset();
  void stop_services();
  // Fault leave-daemon: the first service started loses its handle, so nothing ever stops it
  // (not even this object's destructor), and the others are stopped. Returns its name or "".
  std::string leak_first_service();

  bool has_recipe() const { return recipe_.has_value(); }
  const Recipe& recipe() const { return *recipe_; }
  // The diagnostics of the last recipe that failed to load, formatted.
  const std::vector<std::string>& recipe_errors() const { return recipe_errors_; }

  // Fills placeholders of the deployed recipe, plus `extra` ({value}, {port}).
  std::optional<std::string> render(
      std::string_view text, std::string* error,
      const std::map<std::string, std::string, std::less<>>& extra = {});
  std::optional<int> port_of(const std::string& service);
  // To `service`'s own database, or to `database` when given ("postgres", for admin work).
  std::optional<PgConnection> connection(const std::string& service, std::string* error,
                                         const std::string& database = "");
  std::filesystem::path state_path(const std::string& relative) const;
  std::string run_steps(const std::vector<Step>& steps);

  std::vector<ServiceTrace> traces() const;

 private:
  int port_for(const std::string& service);
  void stop_service(const std::string& name);
  // What must not change for a running service to be kept through a redeploy.
  std::optional<std::string> signature(const Service& service,
                                       const std::filesystem::path& checkout, std::string* error);
  std::string ensure_database(const Service& service);
  std::string start_service(const Service& service);
  std::string start_nginx(const Service& service);
  std::string start_postgres(const Service& service);
  std::string create_volumes();
  std::string run_step(const Step& step);

  RunContext& context_;
  std::optional<Recipe> recipe_;
  std::vector<std::string> recipe_errors_;
  std::map<std::string, int> ports_;
  std::map<std::string, std::unique_ptr<ServiceProcess>> services_;
  std::vector<std::string> started_;                      // running services, in start order
  std::map<std::string, std::string> signatures_;         // of each running service
  std::vector<std::unique_ptr<ServiceProcess>> retired_;  // replaced services, still traced
};

}  // namespace canary::localci
