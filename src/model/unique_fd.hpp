#pragma once
// A file descriptor closed on every return path. The model library's API for Canary's other
// libraries ("model/unique_fd.hpp"); not installed.

#include <unistd.h>

namespace canary {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace canary
