#include "http_client.hpp"

#include "interrupt.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace canary::localci {
namespace {

// A probe reads a page or an API answer; anything larger is a broken or hostile service.
constexpr std::size_t kMaxBody = 16u << 20;
constexpr std::size_t kMaxHeaderBytes = 64u << 10;
// How often a transfer looks at the stop signal and its deadline.
constexpr int kPollSliceMs = 50;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

struct Transfer {
  HttpResponse response;
  std::size_t header_bytes = 0;
  std::string overflow;  // why a callback stopped the transfer, if one did
};

// libcurl calls this once per header line; a new status line (after a 1xx) starts over.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  transfer.header_bytes += bytes;
  if (transfer.header_bytes > kMaxHeaderBytes) {
    transfer.overflow = "response headers over " + std::to_string(kMaxHeaderBytes >> 10) + " KiB";
    return 0;
  }
  const std::string_view line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer.response.headers.clear();
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos)
    transfer.response.headers.emplace_back(trim(line.substr(0, colon)),
                                           trim(line.substr(colon + 1)));
  return bytes;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer.response.body.size() + bytes > kMaxBody) {
    transfer.overflow = "response body over " + std::to_string(kMaxBody >> 20) + " MiB";
    return 0;
  }
  transfer.response.body.append(data, bytes);
  return bytes;
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// The easy handle's global state, set up once before any thread starts a transfer.
bool curl_ready() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return std::nullopt;
}

std::optional<HttpResponse> http_get(const HttpRequest& request, std::string* error) {
  if (!curl_ready()) {
    *error = "libcurl failed to initialise";
    return std::nullopt;
  }
  const std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  const std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!easy || !multi) {
    *error = "libcurl: out of memory";
    return std::nullopt;
  }
  const std::string where = "127.0.0.1:" + std::to_string(request.port);
  const std::string url = "http://" + where + request.path;
  std::unique_ptr<curl_slist, ListDeleter> headers(curl_slist_append(nullptr, "Connection: close"));
  for (const auto& [name, value] : request.headers) {
    const std::string line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }

  Transfer transfer;
  CURL* handle = easy.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http");
  curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");  // a probe of 127.0.0.1 never goes via a proxy
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "canary-localci");
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  curl_multi_add_handle(multi.get(), handle);

  // The multi interface, so a stop signal ends a transfer within one poll slice.
  int running = 1;
  while (running > 0) {
    if (interrupted()) {
      curl_multi_remove_handle(multi.get(), handle);
      *error = "stopped by a signal to the harness";
      return std::nullopt;
    }
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, kPollSliceMs, nullptr);
  }
  CURLcode result = CURLE_FAILED_INIT;
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi.get(), &left))
    if (message->msg == CURLMSG_DONE && message->easy_handle == handle)
      result = message->data.result;
  curl_multi_remove_handle(multi.get(), handle);

  if (result != CURLE_OK) {
    if (!transfer.overflow.empty()) {
      *error = "GET " + where + request.path + ": " + transfer.overflow;
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
      *error = "GET " + where + request.path + ": timed out";
    } else {
      *error = "GET " + where + request.path + ": " + curl_easy_strerror(result);
    }
    return std::nullopt;
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace canary::localci
