// canary-localci's HTTP client against real servers on 127.0.0.1: framing, the size caps, the
// deadline and the stop signal. Each server is a thread answering one connection with bytes we
// choose, so every way a service can misbehave is on the wire for real.

#include "../../harness/localci/http_client.hpp"
#include "../../harness/localci/interrupt.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <thread>

namespace canary::localci {
namespace {

using ::testing::HasSubstr;

// Listens on a free loopback port; serve() answers the first connection with `reply` (after
// reading the request), then keeps it open for up to `hold` before closing.
class OneShotServer {
 public:
  OneShotServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(fd_, 1), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~OneShotServer() {
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }

  void serve(std::string reply, std::chrono::milliseconds hold = std::chrono::milliseconds(0)) {
    thread_ = std::thread([this, reply = std::move(reply), hold] {
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) return;
      char buffer[4096];
      std::string request;
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      request_ = request;
      std::size_t sent = 0;
      while (sent < reply.size()) {
        const ssize_t n = ::send(client, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      // Hold the connection open until the client hangs up, or `hold` has passed.
      timeval limit{static_cast<time_t>(hold.count() / 1000),
                    static_cast<suseconds_t>(hold.count() % 1000 * 1000)};
      ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      while (hold.count() > 0 && ::recv(client, buffer, sizeof buffer, 0) > 0) {
      }
      ::close(client);
    });
  }
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string request_;
};

HttpRequest get(int port, std::string path = "/") {
  HttpRequest request;
  request.port = port;
  request.path = std::move(path);
  request.timeout = std::chrono::milliseconds(5000);
  return request;
}

TEST(HttpClientTest, ReadsStatusHeadersAndAChunkedBody) {
  OneShotServer server;
  server.serve(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  auto request = get(server.port(), "/page.txt");
  request.headers.emplace_back("X-Probe", "yes");
  std::string error;
  const auto response = http_get(request, &error);
  ASSERT_TRUE(response) << error;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello world");
  EXPECT_EQ(response->header("content-type"), "text/plain");
  const std::string sent = server.request();
  EXPECT_THAT(sent, HasSubstr("GET /page.txt HTTP/1.1\r\n"));
  EXPECT_THAT(sent, HasSubstr("X-Probe: yes\r\n"));
  EXPECT_THAT(sent, HasSubstr("Host: 127.0.0.1:" + std::to_string(server.port())));
}

TEST(HttpClientTest, KeepsTheStatusOfAnErrorResponse) {
  OneShotServer server;
  server.serve("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope");
  std::string error;
  const auto response = http_get(get(server.port()), &error);
  ASSERT_TRUE(response) << error;
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "nope");
}

TEST(HttpClientTest, RefusesABodyOverTheCap) {
  OneShotServer server;
  const std::size_t size = (16u << 20) + 1;
  server.serve("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n" +
               std::string(size, 'x'));
  std::string error;
  EXPECT_FALSE(http_get(get(server.port()), &error));
  EXPECT_THAT(error, HasSubstr("response body over 16 MiB"));
}

TEST(HttpClientTest, RefusesAMalformedStatusLine) {
  OneShotServer server;
  server.serve("SMTP ready\r\n\r\n");
  std::string error;
  EXPECT_FALSE(http_get(get(server.port()), &error));
  EXPECT_THAT(error, HasSubstr("GET 127.0.0.1:"));
}

TEST(HttpClientTest, RefusesABodyShorterThanItsLength) {
  OneShotServer server;
  server.serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
  std::string error;
  EXPECT_FALSE(http_get(get(server.port()), &error));
  EXPECT_FALSE(error.empty());
}

TEST(HttpClientTest, NamesTheAddressWhenNothingListens) {
  int port = 0;
  {
    OneShotServer closed;  // a port that was free a moment ago and is closed again
    port = closed.port();
  }
  std::string error;
  EXPECT_FALSE(http_get(get(port), &error));
  EXPECT_THAT(error, HasSubstr("127.0.0.1:" + std::to_string(port)));
}

TEST(HttpClientTest, GivesUpAtItsDeadline) {
  OneShotServer server;
  server.serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", std::chrono::milliseconds(3000));
  auto request = get(server.port());
  request.timeout = std::chrono::milliseconds(300);
  std::string error;
  EXPECT_FALSE(http_get(request, &error));
  EXPECT_THAT(error, HasSubstr("timed out"));
}

// Last in this file: the stop flag stays set for the rest of the process.
TEST(HttpClientTest, StopsOnATermSignal) {
  install_interrupt_handlers();
  OneShotServer server;
  server.serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", std::chrono::milliseconds(3000));
  std::thread stopper([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::raise(SIGTERM);
  });
  std::string error;
  EXPECT_FALSE(http_get(get(server.port()), &error));
  stopper.join();
  EXPECT_THAT(error, HasSubstr("stopped by a signal"));
}

}  // namespace
}  // namespace canary::localci
