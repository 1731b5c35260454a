#pragma once
// HTTP GET for checks against services on 127.0.0.1 (libcurl; bodies capped at 16 MiB).

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace canary::localci {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in the order received
  std::string body;                                          // de-chunked

  // The first header with this name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpRequest {
  int port = 0;
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout{5000};
};

// GET over a fresh loopback connection; nullopt with `error` on any transport or framing fault,
// on a response over the size caps, and within 50 ms of a stop signal.
std::optional<HttpResponse> http_get(const HttpRequest& request, std::string* error);

}  // namespace canary::localci
