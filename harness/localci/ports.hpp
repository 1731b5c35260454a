#pragma once
// Loopback ports: finding a free one, and telling whether anything still listens on one.

#include <optional>
#include <string>

namespace canary::localci {

// A port the kernel just handed out for 127.0.0.1 (bind to port 0), or nullopt.
std::optional<int> free_loopback_port(std::string* error);

// Some socket listens on 127.0.0.1:port or on any address at that port (from /proc/net/tcp).
bool port_is_listening(int port);

}  // namespace canary::localci
