#pragma once
// A recipe: what recipe.yaml at the root of a fixture repository declares (see fixtures/README.md).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace canary::localci {

// Where a value sits in recipe.yaml, 1-based, for messages about it.
struct Mark {
  int line = 0;
  int column = 0;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One declarative probe: an HTTP GET to an nginx service, a SQL query to a postgres service,
// or a file in the state directory. As a check it carries expectations; as a read, its value.
struct Probe {
  enum class Kind { http, sql, file };
  Kind kind = Kind::http;
  std::string service;              // http, sql
  std::string path;                 // http: request path; file: relative to the state directory
  std::string query;                // sql
  Headers send_headers;             // http: extra request headers (values may name secrets)
  std::optional<int> status;        // http check; 200 when not given
  Headers headers;                  // http check: header name -> glob its value matches
  std::optional<std::string> body;  // http check: the whole body, trimmed
  std::optional<std::string> body_contains;  // http check
  std::optional<std::string> equals;         // sql check: the output of -At, trimmed
  Mark mark;
};

// A deploy or restore step.
struct Step {
  enum class Kind { copy, sql };
  Kind kind = Kind::copy;
  std::string from;  // copy: a path in the checkout
  std::string to;    // copy: a path in the state directory, starting with a volume
  bool overwrite = false;
  std::string service;  // sql
  std::string query;    // sql: inline
  std::string file;     // sql: a file in the checkout
  Mark mark;
};

struct Service {
  enum class Kind { nginx, postgres };
  std::string name;
  Kind kind = Kind::nginx;
  std::string config;    // nginx: server-block template in the checkout
  std::string database;  // postgres: created on first deploy
  std::string password;  // postgres: the secret that is the superuser's password
  Mark mark;
};

// A named directory under the state directory that survives redeploys.
struct Volume {
  std::string name;
  std::string init;  // a checkout directory copied in when the volume is first created
  Mark mark;
};

struct Marker {
  Probe write;  // file or sql; `{value}` in the query is the marker
  Probe read;   // http, sql or file: must give back the marker
};

struct Backup {
  std::vector<std::string> paths;      // under the state directory
  std::vector<std::string> databases;  // postgres services, dumped with pg_dump
  std::vector<Step> after_restore;
  Mark mark;
};

struct CustomTest {
  std::string name;
  std::vector<Probe> checks;
  Mark mark;
};

struct Recipe {
  std::string name;
  std::string version;
  std::string upgrade_from;  // release tag deployed before the pinned SHA; empty: no upgrade tier
  std::vector<std::string> secrets;
  std::vector<Volume> volumes;
  std::vector<Service> services;  // started in this order, stopped in reverse
  std::vector<Step> deploy;
  std::vector<Probe> healthy;  // test_serving
  std::optional<Probe> version_probe;
  std::optional<Marker> marker;
  std::optional<Backup> backup;
  std::vector<CustomTest> tests;
  Mark name_mark;
  Mark secrets_mark;

  const Service* find_service(std::string_view name) const;
  bool has_volume(std::string_view name) const;
  bool has_secret(std::string_view name) const;
};

}  // namespace canary::localci
