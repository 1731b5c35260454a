#include "http_client.hpp"

#include "interrupt.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace canary::localci {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

using Clock = std::chrono::steady_clock;

// Waits for `events` on the socket in short slices so a stop signal is seen promptly.
bool wait_ready(int fd, short events, Clock::time_point deadline, std::string* error) {
  while (true) {
    if (interrupted()) {
      *error = "stopped by a signal to the harness";
      return false;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      *error = "timed out";
      return false;
    }
    pollfd entry{fd, events, 0};
    const int result = ::poll(&entry, 1, static_cast<int>(std::min<long>(left.count(), 50)));
    if (result > 0) return true;
    if (result < 0 && errno != EINTR) {
      *error = std::string("poll: ") + std::strerror(errno);
      return false;
    }
  }
}

std::optional<std::string> dechunk(std::string_view body, std::string* error) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto line_end = body.find("\r\n", at);
    if (line_end == std::string_view::npos) break;
    const std::string size_text(body.substr(at, line_end - at));
    std::size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (const std::exception&) {
      break;
    }
    at = line_end + 2;
    if (size == 0) return out;
    if (at + size > body.size()) break;
    out.append(body.substr(at, size));
    at += size + 2;
  }
  *error = "malformed chunked body";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return std::nullopt;
}

std::optional<HttpResponse> parse_http_response(const std::string& raw, std::string* error) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    *error = raw.empty() ? "empty response" : "response ends before its headers do";
    return std::nullopt;
  }
  HttpResponse response;
  std::string_view head(raw.data(), head_end);
  const auto first_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, first_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) {
    *error = "not an HTTP/1.x status line: '" + std::string(status_line.substr(0, 40)) + "'";
    return std::nullopt;
  }
  try {
    response.status = std::stoi(std::string(status_line.substr(9, 3)));
  } catch (const std::exception&) {
    *error = "bad status code in '" + std::string(status_line) + "'";
    return std::nullopt;
  }
  std::size_t at = first_end == std::string_view::npos ? head.size() : first_end + 2;
  while (at < head.size()) {
    auto end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(at, end - at);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      *error = "malformed header line '" + std::string(line) + "'";
      return std::nullopt;
    }
    response.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    at = end + 2;
  }
  std::string_view body(raw.data() + head_end + 4, raw.size() - head_end - 4);
  const auto encoding = response.header("Transfer-Encoding");
  if (encoding && iequals(*encoding, "chunked")) {
    auto decoded = dechunk(body, error);
    if (!decoded) return std::nullopt;
    response.body = std::move(*decoded);
  } else if (const auto length = response.header("Content-Length")) {
    std::size_t expected = 0;
    try {
      expected = std::stoul(*length);
    } catch (const std::exception&) {
      *error = "bad Content-Length '" + *length + "'";
      return std::nullopt;
    }
    if (body.size() < expected) {
      *error = "body shorter than its Content-Length";
      return std::nullopt;
    }
    response.body = std::string(body.substr(0, expected));
  } else {
    response.body = std::string(body);
  }
  return response;
}

std::optional<HttpResponse> http_get(const HttpRequest& request, std::string* error) {
  const auto deadline = Clock::now() + request.timeout;
  Socket socket;
  if (socket.fd() < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return std::nullopt;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(request.port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    *error = "connect to 127.0.0.1:" + std::to_string(request.port) + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (!wait_ready(socket.fd(), POLLOUT, deadline, error)) return std::nullopt;
  int socket_error = 0;
  socklen_t length = sizeof socket_error;
  ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &socket_error, &length);
  if (socket_error != 0) {
    *error =
        "connect to 127.0.0.1:" + std::to_string(request.port) + ": " + std::strerror(socket_error);
    return std::nullopt;
  }

  std::string message = "GET " + request.path +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(request.port) +
                        "\r\nUser-Agent: canary-localci\r\n" + "Connection: close\r\n";
  for (const auto& [name, value] : request.headers) message += name + ": " + value + "\r\n";
  message += "\r\n";
  std::size_t sent = 0;
  while (sent < message.size()) {
    if (!wait_ready(socket.fd(), POLLOUT, deadline, error)) return std::nullopt;
    const ssize_t n =
        ::send(socket.fd(), message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
      *error = std::string("send: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (n > 0) sent += static_cast<std::size_t>(n);
  }

  std::string raw;
  char buffer[16384];
  while (true) {
    if (!wait_ready(socket.fd(), POLLIN, deadline, error)) return std::nullopt;
    const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      *error = std::string("recv: ") + std::strerror(errno);
      return std::nullopt;
    }
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  return parse_http_response(raw, error);
}

}  // namespace canary::localci
