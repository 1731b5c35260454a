#include "http.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace canary::buildbot {
namespace {

constexpr std::size_t kMaxBody = 64u << 20;  // a step log may be large; anything more is refused
constexpr long kTimeoutS = 60;

struct Sink {
  std::string* body;
  bool overflow = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->body->size() + bytes > kMaxBody) {
    sink->overflow = true;
    return 0;  // libcurl aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

HttpClient::HttpClient(std::string base) : base_(std::move(base)) {
  if (base_.empty() || base_.back() != '/') base_ += '/';
}

HttpResponse HttpClient::get(const std::string& path) const { return request(path, nullptr); }

HttpResponse HttpClient::post_json(const std::string& path, const nlohmann::json& body) const {
  const std::string text = body.dump();
  return request(path, &text);
}

HttpResponse HttpClient::request(const std::string& path, const std::string* post_body) const {
  global_init();
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    response.error = "cannot initialise libcurl";
    return response;
  }
  const std::string url = base_ + path;
  Sink sink{&response.body};
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutS);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");  // the master named, never a proxy
  if (post_body != nullptr) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
  }
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  } else {
    response.error = sink.overflow ? "response from " + url + " is over the size cap"
                                   : std::string(curl_easy_strerror(code)) + " (" + url + ")";
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

std::optional<nlohmann::json> HttpClient::get_json(const std::string& path,
                                                   std::string* error) const {
  const auto response = get(path);
  if (!response.error.empty()) {
    *error = response.error;
    return std::nullopt;
  }
  if (response.status != 200) {
    *error = "GET " + path + ": HTTP " + std::to_string(response.status) + ": " +
             response.body.substr(0, 200);
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_object()) {
    *error = "GET " + path + ": not a JSON object";
    return std::nullopt;
  }
  return json;
}

std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace canary::buildbot
