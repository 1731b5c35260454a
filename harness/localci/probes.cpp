#include "probes.hpp"

#include "files.hpp"
#include "http_client.hpp"

#include <fnmatch.h>

namespace canary::localci {
namespace {

std::string trim(std::string text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string excerpt(const std::string& text) {
  std::string shown = text.size() > 120 ? text.substr(0, 120) + "..." : text;
  for (auto& c : shown)
    if (c == '\n' || c == '\r') c = ' ';
  return "'" + shown + "'";
}

std::optional<HttpResponse> get(Deployment& deployment, const Probe& probe, std::string* error) {
  const auto port = deployment.port_of(probe.service);
  if (!port) {
    *error = "service '" + probe.service + "' has no port";
    return std::nullopt;
  }
  HttpRequest request;
  request.port = *port;
  const auto path = deployment.render(probe.path, error);
  if (!path) return std::nullopt;
  request.path = *path;
  for (const auto& [name, value] : probe.send_headers) {
    const auto rendered = deployment.render(value, error);
    if (!rendered) return std::nullopt;
    request.headers.emplace_back(name, *rendered);
  }
  return http_get(request, error);
}

ProbeOutcome sql(Deployment& deployment, const Probe& probe,
                 const std::map<std::string, std::string, std::less<>>& extra) {
  ProbeOutcome outcome;
  auto connection = deployment.connection(probe.service, &outcome.detail);
  if (!connection) return outcome;
  const auto query = deployment.render(probe.query, &outcome.detail, extra);
  if (!query) return outcome;
  const auto result = run_sql(*connection, *query);
  if (!result.ok()) {
    outcome.detail = result.error;
    return outcome;
  }
  outcome.ok = true;
  outcome.value = trim(result.output);
  return outcome;
}

ProbeOutcome judge_http(const Probe& probe, const HttpResponse& response) {
  ProbeOutcome outcome;
  const int status = probe.status.value_or(200);
  if (response.status != status) {
    outcome.detail =
        "status " + std::to_string(response.status) + ", expected " + std::to_string(status);
    return outcome;
  }
  for (const auto& [name, pattern] : probe.headers) {
    const auto value = response.header(name);
    if (!value) {
      outcome.detail = "no " + name + " header, expected '" + pattern + "'";
      return outcome;
    }
    if (::fnmatch(pattern.c_str(), value->c_str(), 0) != 0) {
      outcome.detail = name + " is '" + *value + "', expected '" + pattern + "'";
      return outcome;
    }
  }
  if (probe.body && trim(response.body) != trim(*probe.body)) {
    outcome.detail = "body is " + excerpt(response.body) + ", expected " + excerpt(*probe.body);
    return outcome;
  }
  if (probe.body_contains && response.body.find(*probe.body_contains) == std::string::npos) {
    outcome.detail = "body " + excerpt(response.body) + " lacks " + excerpt(*probe.body_contains);
    return outcome;
  }
  outcome.ok = true;
  return outcome;
}

}  // namespace

std::string describe(const Probe& probe) {
  switch (probe.kind) {
    case Probe::Kind::http:
      return "http " + probe.service + " GET " + probe.path;
    case Probe::Kind::sql:
      return "sql " + probe.service + ": " + probe.query;
    case Probe::Kind::file:
      return "file " + probe.path;
  }
  return "probe";
}

ProbeOutcome run_check(Deployment& deployment, const Probe& probe, TierLog& log) {
  ProbeOutcome outcome;
  if (probe.kind == Probe::Kind::http) {
    const auto response = get(deployment, probe, &outcome.detail);
    if (response) outcome = judge_http(probe, *response);
  } else if (probe.kind == Probe::Kind::sql) {
    outcome = sql(deployment, probe, {});
    if (outcome.ok && probe.equals) {
      std::string error;
      const auto expected = deployment.render(*probe.equals, &error);
      if (!expected || outcome.value != trim(*expected)) {
        outcome.ok = false;
        outcome.detail =
            "query gave " + excerpt(outcome.value) + ", expected " + excerpt(*probe.equals);
      }
    }
  } else {
    outcome.detail = "a file probe cannot be a check";
  }
  log.note("check " + describe(probe) + ": " + (outcome.ok ? "ok" : "FAILED: " + outcome.detail));
  return outcome;
}

ProbeOutcome read_value(Deployment& deployment, const Probe& probe, TierLog& log) {
  ProbeOutcome outcome;
  if (probe.kind == Probe::Kind::http) {
    const auto response = get(deployment, probe, &outcome.detail);
    if (response && response->status != 200) {
      outcome.detail = "status " + std::to_string(response->status) + ", expected 200";
    } else if (response) {
      outcome.ok = true;
      outcome.value = trim(response->body);
    }
  } else if (probe.kind == Probe::Kind::sql) {
    outcome = sql(deployment, probe, {});
  } else {
    const auto text = read_file(deployment.state_path(probe.path));
    outcome.ok = text.has_value();
    outcome.value = trim(text.value_or(""));
    if (!text) outcome.detail = probe.path + " does not exist";
  }
  log.note("read " + describe(probe) + ": " +
           (outcome.ok ? excerpt(outcome.value) : "FAILED: " + outcome.detail));
  return outcome;
}

std::string write_value(Deployment& deployment, const Probe& probe, const std::string& value,
                        TierLog& log) {
  log.note("write " + describe(probe) + " <- " + excerpt(value));
  if (probe.kind == Probe::Kind::file) {
    const auto path = deployment.state_path(probe.path);
    if (auto error = make_dirs(path.parent_path()); !error.empty()) return error;
    return write_file(path, value + "\n");
  }
  const auto outcome = sql(deployment, probe, {{"value", value}});
  return outcome.ok ? "" : outcome.detail;
}

std::string run_checks(Deployment& deployment, const std::vector<Probe>& checks, TierLog& log) {
  std::string first;
  for (const auto& check : checks) {
    const auto outcome = run_check(deployment, check, log);
    if (!outcome.ok && first.empty()) first = describe(check) + ": " + outcome.detail;
  }
  return first;
}

}  // namespace canary::localci
