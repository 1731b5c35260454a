#pragma once
// A small HTTP client over libcurl for Buildbot's REST API: loopback or a given master URL,
// every response capped in size and time.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace canary::buildbot {

struct HttpResponse {
  long status = 0;    // 0 when no response arrived
  std::string body;
  std::string error;  // transport error, or the cap that was hit
};

class HttpClient {
 public:
  // `base` is the master's URL, e.g. http://127.0.0.1:8010/ (a trailing / is optional).
  explicit HttpClient(std::string base);
  HttpResponse get(const std::string& path) const;
  HttpResponse post_json(const std::string& path, const nlohmann::json& body) const;
  // GET and parse; nullopt with `error` unless status 200 and a JSON object came back.
  std::optional<nlohmann::json> get_json(const std::string& path, std::string* error) const;
  const std::string& base() const { return base_; }

 private:
  HttpResponse request(const std::string& path, const std::string* post_body) const;
  std::string base_;
};

// Percent-encodes a query value.
std::string url_encode(const std::string& text);

}  // namespace canary::buildbot
